package dev.boocontrol.sim.core;

import java.util.List;

/**
 * The top-level {@code sim:} section: what the simulated host looks like.
 *
 * @param hostName names the host (and seeds the default GPU uuids)
 * @param gpus {@code sim.gpus}, by index (default: one RTX 3090, 24576 MB)
 * @param version what {@code /api/version} and {@code /api/hardware} report
 * @param seed drives every pseudo-random value (text, jitter, lengths)
 * @param fastClock test mode: allows {@code performance.every} below 5s
 */
public record SimSettings(
    String hostName,
    List<GpuConfig> gpus,
    SystemConfig system,
    String version,
    long seed,
    boolean fastClock) {

  public SimSettings {
    gpus = List.copyOf(gpus);
  }
}
