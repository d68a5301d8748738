package dev.boocontrol.cockpit.query;

/**
 * Request statistics of one model over a range. Token sums skip the -1/0 sentinels; speeds are over
 * measured requests only (null when none was measured); errors are status &ge; 400 or no status, as
 * in the rollups.
 */
public record ModelStats(
    String model,
    long requests,
    long errors,
    long inputTokens,
    long outputTokens,
    long cacheTokens,
    Double tokensPerSecondAvg,
    Double tokensPerSecondP50,
    Double durationMsAvg) {}
