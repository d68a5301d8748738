package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** One host reading of {@code /api/performance}: CPU, memory, swap, load and network. */
public record SysSample(
    @JsonProperty("timestamp") OffsetDateTime timestamp,
    @JsonProperty("cpu_util_per_core") List<Double> cpuUtilPerCore,
    @JsonProperty("mem_total_mb") double memTotalMb,
    @JsonProperty("mem_used_mb") double memUsedMb,
    @JsonProperty("mem_free_mb") double memFreeMb,
    @JsonProperty("swap_total_mb") double swapTotalMb,
    @JsonProperty("swap_used_mb") double swapUsedMb,
    @JsonProperty("load_avg_1") double loadAvg1,
    @JsonProperty("load_avg_5") double loadAvg5,
    @JsonProperty("load_avg_15") double loadAvg15,
    @JsonProperty("net_io") List<NetIo> netIo) {

  public SysSample {
    cpuUtilPerCore = Collections2.list(cpuUtilPerCore);
    netIo = Collections2.list(netIo);
  }
}
