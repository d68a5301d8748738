package dev.boocontrol.perfingest.core;

import java.time.Instant;

/**
 * One row of {@code system_rollups_5m}. Statistics are over the bucket's finite readings and null
 * when there was none.
 */
public record SystemRollup(
    String hostId,
    Instant bucketStart,
    int samples,
    Double cpuUtilAvg,
    Double cpuUtilMax,
    Double memUsedMbAvg,
    Double memUsedMbMax,
    Double loadAvg1Avg) {}
