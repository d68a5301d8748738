package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A speed histogram of {@code /api/metrics/stats} (note the camel-case {@code binSize}). */
public record Histogram(
    @JsonProperty("bins") List<Integer> bins,
    @JsonProperty("min") double min,
    @JsonProperty("max") double max,
    @JsonProperty("binSize") double binSize,
    @JsonProperty("p50") double p50,
    @JsonProperty("p95") double p95,
    @JsonProperty("p99") double p99) {

  public Histogram {
    bins = List.copyOf(bins);
  }
}
