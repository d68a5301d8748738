package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * {@code GET /api/metrics/stats} (v236+). Totals cover every stored row.
 *
 * @param totalCacheTokens sum of positive cache counts only
 * @param promptHistogram null when no row has a prompt speed above 0
 * @param genHistogram null when no row has a generation speed above 0
 */
public record Stats(
    @JsonProperty("total_requests") long totalRequests,
    @JsonProperty("total_input_tokens") long totalInputTokens,
    @JsonProperty("total_output_tokens") long totalOutputTokens,
    @JsonProperty("total_cache_tokens") long totalCacheTokens,
    @JsonProperty("prompt_histogram") Histogram promptHistogram,
    @JsonProperty("gen_histogram") Histogram genHistogram) {

  public Optional<Histogram> prompt() {
    return Optional.ofNullable(promptHistogram);
  }

  public Optional<Histogram> generation() {
    return Optional.ofNullable(genHistogram);
  }
}
