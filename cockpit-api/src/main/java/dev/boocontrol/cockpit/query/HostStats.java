package dev.boocontrol.cockpit.query;

/** Request statistics of one host over a range; the same numbers as {@link ModelStats}. */
public record HostStats(
    String hostId,
    String displayName,
    long requests,
    long errors,
    long inputTokens,
    long outputTokens,
    long cacheTokens,
    Double tokensPerSecondAvg,
    Double tokensPerSecondP50,
    Double durationMsAvg) {}
