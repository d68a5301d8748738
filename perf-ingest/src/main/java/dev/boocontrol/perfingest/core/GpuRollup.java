package dev.boocontrol.perfingest.core;

import java.time.Instant;

/**
 * One row of {@code gpu_rollups_5m}. Statistics are over the bucket's finite readings and null when
 * there was none (the columns are nullable).
 */
public record GpuRollup(
    String hostId,
    int gpuIndex,
    Instant bucketStart,
    int samples,
    Double tempCAvg,
    Double tempCMax,
    Double gpuUtilAvg,
    Double gpuUtilMax,
    Double memUsedMbAvg,
    Double memUsedMbMax,
    Double memTotalMb,
    Double powerWAvg,
    Double powerWMax) {}
