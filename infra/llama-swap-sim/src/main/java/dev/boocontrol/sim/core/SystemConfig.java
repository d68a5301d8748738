package dev.boocontrol.sim.core;

/** The simulated host ({@code sim.system}): CPU cores and RAM. */
public record SystemConfig(int cores, int memTotalMb) {

  public static final int DEFAULT_CORES = 8;
  public static final int DEFAULT_MEM_TOTAL_MB = 64215;

  public static SystemConfig defaults() {
    return new SystemConfig(DEFAULT_CORES, DEFAULT_MEM_TOTAL_MB);
  }
}
