package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/performance} (v212+), samples of the last hour.
 *
 * @param enabled null on v212–v228, which sent no such key
 * @param gpuStats empty when the server sent {@code null}; see {@link #gpuStatsNull}
 * @param sysStats empty when the server sent {@code null}; see {@link #sysStatsNull}
 * @param gpuStatsNull true before the first sample, or when no GPU tool was found
 * @param sysStatsNull true before the first sample
 */
public record Performance(
    Boolean enabled,
    List<GpuSample> gpuStats,
    List<SysSample> sysStats,
    boolean gpuStatsNull,
    boolean sysStatsNull) {

  public Performance {
    gpuStats = Collections2.list(gpuStats);
    sysStats = Collections2.list(sysStats);
  }

  /** Reads the wire form, remembering which arrays were {@code null}. */
  @JsonCreator
  public static Performance of(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("gpu_stats") List<GpuSample> gpuStats,
      @JsonProperty("sys_stats") List<SysSample> sysStats) {
    return new Performance(enabled, gpuStats, sysStats, gpuStats == null, sysStats == null);
  }

  public Optional<Boolean> enabledFlag() {
    return Optional.ofNullable(enabled);
  }

  /** True when neither series holds a sample yet. */
  public boolean noSamplesYet() {
    return gpuStats.isEmpty() && sysStats.isEmpty();
  }
}
