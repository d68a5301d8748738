package dev.boocontrol.sim.core;

/**
 * One simulated GPU ({@code sim.gpus[index]}).
 *
 * @param powerLimitW board power limit (also {@code /api/hardware} {@code power_limit_watts})
 * @param idleW draw when nothing runs
 * @param uuid nvidia-smi style {@code GPU-…} id
 */
public record GpuConfig(
    int index, String name, int vramMb, double powerLimitW, double idleW, String uuid) {

  public static final String DEFAULT_NAME = "NVIDIA GeForce RTX 3090";
  public static final int DEFAULT_VRAM_MB = 24576;
  public static final double DEFAULT_POWER_LIMIT_W = 350;
  public static final double DEFAULT_IDLE_W = 30;
}
