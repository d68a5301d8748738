package dev.boocontrol.perfingest.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 5-minute rollups of raw rows, for idempotent upserts. The result depends only on the set of input
 * rows: groups are sorted by host, key and bucket, and values are summed in sorted order, so
 * re-running a window gives equal lists whatever order the rows were read in.
 */
public final class RollupCalculator {

  private static final Comparator<GpuRollup> GPU_ORDER =
      Comparator.comparing(GpuRollup::hostId)
          .thenComparingInt(GpuRollup::gpuIndex)
          .thenComparing(GpuRollup::bucketStart);
  private static final Comparator<SystemRollup> SYSTEM_ORDER =
      Comparator.comparing(SystemRollup::hostId).thenComparing(SystemRollup::bucketStart);
  private static final Comparator<RequestRollup> REQUEST_ORDER =
      Comparator.comparing(RequestRollup::hostId)
          .thenComparing(RequestRollup::model)
          .thenComparing(RequestRollup::bucketStart);

  private RollupCalculator() {}

  /** Per (host, GPU, bucket). */
  public static List<GpuRollup> gpu(List<GpuRow> samples) {
    record Key(String hostId, int gpuIndex, Instant bucket) {}
    Map<Key, List<GpuRow>> groups =
        group(samples, r -> new Key(r.hostId(), r.gpuIndex(), Buckets.bucketStart(r.sampledAt())));
    List<GpuRollup> rollups = new ArrayList<>();
    groups.forEach(
        (key, rows) -> {
          SortedValues temp = SortedValues.finite(rows, GpuRow::tempC);
          SortedValues util = SortedValues.finite(rows, GpuRow::gpuUtilPct);
          SortedValues used = SortedValues.finite(rows, GpuRow::memUsedMb);
          SortedValues power = SortedValues.finite(rows, GpuRow::powerDrawW);
          rollups.add(
              new GpuRollup(
                  key.hostId(),
                  key.gpuIndex(),
                  key.bucket(),
                  rows.size(),
                  temp.mean(),
                  temp.max(),
                  util.mean(),
                  util.max(),
                  used.mean(),
                  used.max(),
                  SortedValues.finite(rows, GpuRow::memTotalMb).max(),
                  power.mean(),
                  power.max()));
        });
    rollups.sort(GPU_ORDER);
    return List.copyOf(rollups);
  }

  /** Per (host, bucket). */
  public static List<SystemRollup> system(List<SystemRow> samples) {
    record Key(String hostId, Instant bucket) {}
    Map<Key, List<SystemRow>> groups =
        group(samples, r -> new Key(r.hostId(), Buckets.bucketStart(r.sampledAt())));
    List<SystemRollup> rollups = new ArrayList<>();
    groups.forEach(
        (key, rows) -> {
          SortedValues cpu = SortedValues.finite(rows, SystemRow::cpuUtilPct);
          SortedValues memUsed = SortedValues.finite(rows, SystemRow::memUsedMb);
          rollups.add(
              new SystemRollup(
                  key.hostId(),
                  key.bucket(),
                  rows.size(),
                  cpu.mean(),
                  cpu.max(),
                  memUsed.mean(),
                  memUsed.max(),
                  SortedValues.finite(rows, SystemRow::loadAvg1).mean()));
        });
    rollups.sort(SYSTEM_ORDER);
    return List.copyOf(rollups);
  }

  /** Per (host, model, bucket of {@code finishedAt}). */
  public static List<RequestRollup> requests(List<ActivityFact> rows) {
    record Key(String hostId, String model, Instant bucket) {}
    Map<Key, List<ActivityFact>> groups =
        group(rows, r -> new Key(r.hostId(), r.model(), Buckets.bucketStart(r.finishedAt())));
    List<RequestRollup> rollups = new ArrayList<>();
    groups.forEach(
        (key, facts) -> {
          SortedValues speed = SortedValues.positive(facts, ActivityFact::tokensPerSecond);
          rollups.add(
              new RequestRollup(
                  key.hostId(),
                  key.model(),
                  key.bucket(),
                  facts.size(),
                  (int) facts.stream().filter(ActivityFact::isError).count(),
                  // -1 (unknown) and 0 (no usage) are sentinels, not counts.
                  facts.stream().mapToLong(ActivityFact::inputTokens).filter(t -> t > 0).sum(),
                  facts.stream().mapToLong(ActivityFact::outputTokens).filter(t -> t > 0).sum(),
                  facts.stream().mapToLong(ActivityFact::cacheTokens).filter(t -> t > 0).sum(),
                  speed.mean(),
                  speed.median(),
                  SortedValues.positive(facts, ActivityFact::promptPerSecond).mean(),
                  SortedValues.finite(facts, f -> (double) f.durationMs()).mean()));
        });
    rollups.sort(REQUEST_ORDER);
    return List.copyOf(rollups);
  }

  private static <T, K> Map<K, List<T>> group(List<T> rows, Function<T, K> key) {
    Map<K, List<T>> groups = new HashMap<>();
    for (T row : rows) {
      groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
