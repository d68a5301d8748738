package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One host reading, as in {@code /api/performance} {@code sys_stats} (llama-swap's types). */
public record SysSample(
    @JsonProperty("timestamp") Instant timestamp,
    @JsonProperty("cpu_util_per_core") List<Double> cpuUtilPerCore,
    @JsonProperty("mem_total_mb") int memTotalMb,
    @JsonProperty("mem_used_mb") int memUsedMb,
    @JsonProperty("mem_free_mb") int memFreeMb,
    @JsonProperty("swap_total_mb") int swapTotalMb,
    @JsonProperty("swap_used_mb") int swapUsedMb,
    @JsonProperty("load_avg_1") double loadAvg1,
    @JsonProperty("load_avg_5") double loadAvg5,
    @JsonProperty("load_avg_15") double loadAvg15,
    @JsonProperty("net_io") List<NetIo> netIo) {

  public SysSample {
    cpuUtilPerCore = List.copyOf(cpuUtilPerCore);
    netIo = List.copyOf(netIo);
  }
}
