package dev.boocontrol.perfingest.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The 5-minute rollup buckets: each starts at a multiple of 5 minutes since the epoch (UTC). */
public final class Buckets {

  public static final Duration WIDTH = Duration.ofMinutes(5);

  private static final long WIDTH_SECONDS = WIDTH.toSeconds();

  private Buckets() {}

  /** The start of the bucket holding {@code t}: {@code t} floored to 5 minutes. */
  public static Instant bucketStart(Instant t) {
    Objects.requireNonNull(t, "t");
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), WIDTH_SECONDS) * WIDTH_SECONDS);
  }

  /**
   * The starts of every bucket that overlaps {@code [from, to)}, oldest first; empty when {@code
   * to} is not after {@code from}.
   */
  public static List<Instant> bucketsBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      return List.of();
    }
    List<Instant> starts = new ArrayList<>();
    for (Instant start = bucketStart(from); start.isBefore(to); start = start.plus(WIDTH)) {
      starts.add(start);
    }
    return List.copyOf(starts);
  }
}
