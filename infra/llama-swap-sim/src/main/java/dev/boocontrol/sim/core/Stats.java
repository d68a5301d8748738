package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /api/metrics/stats} body (spec 8.3). A histogram is {@code null} when no row has that
 * speed above 0.
 */
public record Stats(
    @JsonProperty("total_requests") long totalRequests,
    @JsonProperty("total_input_tokens") long totalInputTokens,
    @JsonProperty("total_output_tokens") long totalOutputTokens,
    @JsonProperty("total_cache_tokens") long totalCacheTokens,
    @JsonProperty("prompt_histogram") Histogram promptHistogram,
    @JsonProperty("gen_histogram") Histogram genHistogram) {}
