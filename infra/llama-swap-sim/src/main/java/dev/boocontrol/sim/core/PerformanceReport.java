package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/performance} 200 body (a Go map, hence the sorted keys). Both lists are {@code
 * null} before the first sample, as llama-swap sends them.
 */
public record PerformanceReport(
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("gpu_stats") List<GpuSample> gpuStats,
    @JsonProperty("sys_stats") List<SysSample> sysStats) {

  /** The 503 body when {@code performance.disabled} is set. */
  public static final String DISABLED_JSON = "{\"enabled\":false}";
}
