package dev.boocontrol.perfingest.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a retention delete into small per-host windows, so each one is a short transaction that
 * holds few locks and can be resumed after a crash.
 */
public final class RetentionPlan {

  private static final Comparator<DeleteChunk> OLDEST_FIRST =
      Comparator.comparing(DeleteChunk::from).thenComparing(DeleteChunk::hostId);

  private RetentionPlan() {}

  /**
   * Windows {@code [from, to)} aligned to multiples of {@code chunk} since the epoch (whole UTC
   * hours for 1 h), from each host's oldest row up to {@code cutoff}; the last window ends at the
   * cutoff, so nothing at or after it is touched. Hosts without rows (null) or whose oldest row is
   * not before the cutoff get none. Sorted by {@code from}, then host.
   */
  public static List<DeleteChunk> chunks(
      Map<String, Instant> oldestRowPerHost, Instant cutoff, Duration chunk) {
    Objects.requireNonNull(oldestRowPerHost, "oldestRowPerHost");
    Objects.requireNonNull(cutoff, "cutoff");
    Objects.requireNonNull(chunk, "chunk");
    long chunkMillis = chunk.toMillis();
    if (chunkMillis < 1) {
      throw new IllegalArgumentException("chunk must be at least 1 ms, was " + chunk);
    }
    Duration step = Duration.ofMillis(chunkMillis);
    List<DeleteChunk> chunks = new ArrayList<>();
    oldestRowPerHost.forEach(
        (hostId, oldest) -> {
          if (oldest == null || !oldest.isBefore(cutoff)) {
            return;
          }
          Instant from =
              Instant.ofEpochMilli(Math.floorDiv(oldest.toEpochMilli(), chunkMillis) * chunkMillis);
          while (from.isBefore(cutoff)) {
            Instant to = earlier(from.plus(step), cutoff);
            chunks.add(new DeleteChunk(hostId, from, to));
            from = to;
          }
        });
    chunks.sort(OLDEST_FIRST);
    return List.copyOf(chunks);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
