package dev.boocontrol.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * GPU and system samples of one host from one poll of {@code /api/performance}. {@code status} is
 * "ok", "disabled" (the host turned performance off) or "unreachable".
 */
public record PerfSampled(String hostId, String status, List<Gpu> gpus, List<System> system) {

  /** One GPU at one instant. */
  public record Gpu(
      int index,
      Instant sampledAt,
      String name,
      double tempC,
      double gpuUtilPct,
      double memUsedMb,
      double memTotalMb,
      double powerDrawW) {}

  /** The host at one instant. */
  public record System(
      Instant sampledAt, double cpuUtilPct, double memUsedMb, double memTotalMb, double loadAvg1) {}
}
