package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code tokens} object of an activity row (spec 8.1), in llama-swap's struct order. {@code -1}
 * means unknown (cache, speeds) or "no speculative decoding" (draft counts); a row without any
 * usage in the response has every field {@code 0}.
 */
public record ActivityTokens(
    @JsonProperty("cache_tokens") int cacheTokens,
    @JsonProperty("draft_tokens") int draftTokens,
    @JsonProperty("draft_acc_tokens") int draftAccTokens,
    @JsonProperty("input_tokens") int inputTokens,
    @JsonProperty("output_tokens") int outputTokens,
    @JsonProperty("prompt_per_second") double promptPerSecond,
    @JsonProperty("tokens_per_second") double tokensPerSecond) {

  /** A failed or unparsable response: every field 0. */
  public static ActivityTokens none() {
    return new ActivityTokens(0, 0, 0, 0, 0, 0, 0);
  }

  /** A llama.cpp response with timings and no speculative decoding. */
  public static ActivityTokens llamaCpp(
      int cacheTokens,
      int inputTokens,
      int outputTokens,
      double promptPerSecond,
      double tokensPerSecond) {
    return new ActivityTokens(
        cacheTokens, -1, -1, inputTokens, outputTokens, promptPerSecond, tokensPerSecond);
  }
}
