package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A speed histogram of {@code /api/metrics/stats}: 5–20 bins (Sturges), or one bin with {@code
 * binSize} 0 when every value is equal.
 */
public record Histogram(
    @JsonProperty("bins") List<Long> bins,
    @JsonProperty("min") double min,
    @JsonProperty("max") double max,
    @JsonProperty("binSize") double binSize,
    @JsonProperty("p50") double p50,
    @JsonProperty("p95") double p95,
    @JsonProperty("p99") double p99) {

  public Histogram {
    bins = Collections2.list(bins);
  }
}
