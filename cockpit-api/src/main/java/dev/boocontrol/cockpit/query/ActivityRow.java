package dev.boocontrol.cockpit.query;

import java.time.Instant;

/** One completed request. Token counts keep llama-swap's sentinels: -1 unknown, 0 none reported. */
public record ActivityRow(
    String hostId,
    int epoch,
    long activityId,
    Instant finishedAt,
    String model,
    String reqPath,
    int status,
    int inputTokens,
    int outputTokens,
    int cacheTokens,
    double promptPerSecond,
    double tokensPerSecond,
    long durationMs,
    boolean hasCapture,
    String errorMsg,
    String source,
    String sourceAttribution) {}
