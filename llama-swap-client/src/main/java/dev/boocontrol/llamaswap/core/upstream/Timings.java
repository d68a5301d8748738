package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * llama.cpp's {@code timings} object (spec §3.2). Fields a build did not send are null, and so are
 * NaN values (a zero count can make the per-token fields NaN, written as {@code null}).
 *
 * @param cacheN prompt tokens reused from the KV cache; absent on some forks, which send {@link
 *     #nCtx} and {@link #nPast} instead
 * @param promptN prompt tokens processed in this request, excluding {@code cacheN}
 * @param draftN only with speculative decoding
 * @param draftNAccepted only with speculative decoding
 */
public record Timings(
    @JsonProperty("cache_n") Long cacheN,
    @JsonProperty("prompt_n") Long promptN,
    @JsonProperty("prompt_ms") Double promptMs,
    @JsonProperty("prompt_per_token_ms") Double promptPerTokenMs,
    @JsonProperty("prompt_per_second") Double promptPerSecond,
    @JsonProperty("predicted_n") Long predictedN,
    @JsonProperty("predicted_ms") Double predictedMs,
    @JsonProperty("predicted_per_token_ms") Double predictedPerTokenMs,
    @JsonProperty("predicted_per_second") Double predictedPerSecond,
    @JsonProperty("draft_n") Long draftN,
    @JsonProperty("draft_n_accepted") Long draftNAccepted,
    @JsonProperty("n_ctx") Long nCtx,
    @JsonProperty("n_past") Long nPast) {

  public Timings {
    promptMs = finite(promptMs);
    promptPerTokenMs = finite(promptPerTokenMs);
    promptPerSecond = finite(promptPerSecond);
    predictedMs = finite(predictedMs);
    predictedPerTokenMs = finite(predictedPerTokenMs);
    predictedPerSecond = finite(predictedPerSecond);
  }

  /** True when speculative decoding counts are present. */
  public boolean hasDraft() {
    return draftN != null && draftNAccepted != null;
  }

  /** {@code prompt_ms + predicted_ms}: pure inference time, without queueing or loading. */
  public double inferenceMs() {
    return (promptMs == null ? 0 : promptMs) + (predictedMs == null ? 0 : predictedMs);
  }

  private static Double finite(Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? null : value;
  }
}
