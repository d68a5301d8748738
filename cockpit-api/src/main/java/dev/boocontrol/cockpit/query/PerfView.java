package dev.boocontrol.cockpit.query;

import java.time.Instant;
import java.util.List;

/**
 * A host's GPU, system and per-model request timelines over {@code from}..{@code to}.
 *
 * @param resolution {@code raw} (samples, bucketed to {@code stepSeconds} when there are too many)
 *     or {@code 5m} (the 5-minute rollups, re-bucketed to {@code stepSeconds})
 * @param stepSeconds bucket width of the GPU and system series
 * @param modelStepSeconds bucket width of the per-model series
 */
public record PerfView(
    String host,
    Instant from,
    Instant to,
    String resolution,
    long stepSeconds,
    long modelStepSeconds,
    List<GpuSeries> gpus,
    List<SystemPoint> system,
    List<ModelSeries> models) {

  /** One GPU's series; {@code name} is the latest one its samples reported. */
  public record GpuSeries(int index, String name, List<GpuPoint> points) {}

  /** Averages over a bucket; {@code t} is the first sample's time (raw) or the bucket start. */
  public record GpuPoint(
      Instant t,
      Double tempC,
      Double utilPct,
      Double memUsedMb,
      Double memTotalMb,
      Double powerW) {}

  /** Averages over a bucket; {@code memTotalMb} only from raw samples (the rollups lack it). */
  public record SystemPoint(
      Instant t, Double cpuPct, Double memUsedMb, Double memTotalMb, Double load1) {}

  /** One model's requests on this host. */
  public record ModelSeries(String model, List<ModelPoint> points) {}

  /**
   * Requests finished in the bucket starting at {@code t}; the speed is over measured requests
   * (null when none was).
   */
  public record ModelPoint(Instant t, Double tokensPerSecond, long requests, long errors) {}
}
