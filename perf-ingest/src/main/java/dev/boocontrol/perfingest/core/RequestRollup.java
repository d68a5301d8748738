package dev.boocontrol.perfingest.core;

import java.time.Instant;

/**
 * One row of {@code request_rollups_5m}, plus the median speed. Speeds are over measured rows only
 * (speed &gt; 0) and null when no row was measured.
 */
public record RequestRollup(
    String hostId,
    String model,
    Instant bucketStart,
    int requests,
    int errors,
    long inputTokens,
    long outputTokens,
    long cacheTokens,
    Double tokensPerSecondAvg,
    Double tokensPerSecondP50,
    Double promptPerSecondAvg,
    double durationMsAvg) {}
