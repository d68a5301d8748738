package dev.boocontrol.perfingest.core;

import java.time.Instant;
import java.util.Objects;

/** One row of {@code gpu_samples}: one GPU at one sample time; key (host, gpu, sampled_at). */
public record GpuRow(
    String hostId,
    int gpuIndex,
    Instant sampledAt,
    String uuid,
    String name,
    double tempC,
    double vramTempC,
    double gpuUtilPct,
    double memUtilPct,
    double memUsedMb,
    double memTotalMb,
    double fanSpeedPct,
    double powerDrawW) {

  public GpuRow {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(sampledAt, "sampledAt");
  }
}
