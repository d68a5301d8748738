package dev.boocontrol.cockpit.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Which table a time-series query reads: raw rows for short ranges, the 5-minute rollups beyond,
 * and how wide the buckets are so that no series has more than {@link #MAX_POINTS} points.
 */
public enum Resolution {
  RAW("raw"),
  FIVE_MINUTES("5m");

  /** Perf timelines read raw samples up to this range (inclusive). */
  public static final Duration PERF_RAW_LIMIT = Duration.ofHours(6);

  /** Request statistics read raw activity up to this range (inclusive). */
  public static final Duration STATS_RAW_LIMIT = Duration.ofHours(48);

  /** The most points one series may have: a week of 5-minute buckets. */
  public static final int MAX_POINTS = 2016;

  /** The rollup bucket width. */
  public static final Duration ROLLUP = Duration.ofMinutes(5);

  /** Request series over raw rows are never finer than this (a per-request dot is noise). */
  public static final Duration MIN_REQUEST_STEP = Duration.ofMinutes(1);

  private final String label;

  Resolution(String label) {
    this.label = label;
  }

  /** As the API shows it: {@code raw} or {@code 5m}. */
  public String label() {
    return label;
  }

  /** Raw when the range is at most {@code rawLimit}, 5-minute rollups beyond. */
  public static Resolution choose(TimeRange range, Duration rawLimit) {
    return range.span().compareTo(rawLimit) <= 0 ? RAW : FIVE_MINUTES;
  }

  /**
   * How a timeline is read.
   *
   * @param step bucket width of the GPU and system series
   * @param requestStep bucket width of the per-model request series
   */
  public record Plan(Resolution resolution, Duration step, Duration requestStep) {}

  /**
   * The plan for a range: raw samples bucketed to whole seconds, or rollups re-bucketed to a
   * multiple of 5 minutes, either way at most {@code maxPoints} buckets per series.
   */
  public static Plan plan(TimeRange range, Duration rawLimit, int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be >= 1");
    }
    long seconds = Math.max(1, range.span().toSeconds());
    long minStep = ceilDiv(seconds, maxPoints);
    Resolution resolution = choose(range, rawLimit);
    if (resolution == RAW) {
      Duration step = Duration.ofSeconds(Math.max(1, minStep));
      Duration requestStep = step.compareTo(MIN_REQUEST_STEP) < 0 ? MIN_REQUEST_STEP : step;
      return new Plan(RAW, step, requestStep);
    }
    long rollup = ROLLUP.toSeconds();
    Duration step = Duration.ofSeconds(Math.max(1, ceilDiv(minStep, rollup)) * rollup);
    return new Plan(FIVE_MINUTES, step, step);
  }

  /** The start of the rollup bucket that holds {@code t} (buckets are aligned in UTC). */
  public static Instant rollupBucket(Instant t) {
    long width = ROLLUP.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), width) * width);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
