package dev.boocontrol.sim.core;

/**
 * A model's simulated behaviour (the per-model {@code sim:} block).
 *
 * @param loadSeconds time from {@code starting} to {@code ready}
 * @param unloadSeconds time spent in {@code stopping}
 * @param vramMb VRAM the loaded model occupies on {@code gpu}
 * @param gpu index into {@code sim.gpus}
 * @param genTps generation speed, tokens per second, alone on the GPU
 * @param promptTps prompt processing speed, tokens per second, alone on the GPU
 * @param failLoad every load fails (the waiting requests get 500)
 */
public record ModelSim(
    double loadSeconds,
    double unloadSeconds,
    int vramMb,
    int gpu,
    double genTps,
    double promptTps,
    boolean failLoad) {

  public static final double DEFAULT_LOAD_SECONDS = 2.0;
  public static final double DEFAULT_UNLOAD_SECONDS = 0.2;
  public static final int DEFAULT_VRAM_MB = 4096;
  public static final double DEFAULT_GEN_TPS = 40;
  public static final double DEFAULT_PROMPT_TPS = 800;

  public static ModelSim defaults() {
    return new ModelSim(
        DEFAULT_LOAD_SECONDS,
        DEFAULT_UNLOAD_SECONDS,
        DEFAULT_VRAM_MB,
        0,
        DEFAULT_GEN_TPS,
        DEFAULT_PROMPT_TPS,
        false);
  }
}
