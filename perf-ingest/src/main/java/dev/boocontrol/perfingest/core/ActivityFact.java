package dev.boocontrol.perfingest.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The columns of one {@code request_activity} row that the request rollup needs. Token fields keep
 * llama-swap's sentinels (-1 unknown, 0 no usage); speeds of 0 or less mean "not measured".
 */
public record ActivityFact(
    String hostId,
    String model,
    Instant finishedAt,
    int statusCode,
    long inputTokens,
    long outputTokens,
    long cacheTokens,
    double tokensPerSecond,
    double promptPerSecond,
    long durationMs) {

  public ActivityFact {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** 4xx/5xx, or no status at all (0, or a nonsensical negative code). */
  public boolean isError() {
    return statusCode >= 400 || statusCode <= 0;
  }
}
