package dev.boocontrol.perfingest.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long each kind of telemetry is kept.
 *
 * @param rawPerf raw {@code gpu_samples} / {@code system_samples}; at least 1 h, since a shorter
 *     window would delete the hour that llama-swap still holds, losing the watermark and
 *     re-ingesting it on every restart
 * @param activity {@code request_activity} rows
 * @param rollups the {@code *_rollups_5m} tables
 */
public record RetentionPolicy(Duration rawPerf, Duration activity, Duration rollups) {

  private static final Duration MIN_RAW_PERF = Duration.ofHours(1);

  public RetentionPolicy {
    requirePositive("rawPerf", rawPerf);
    requirePositive("activity", activity);
    requirePositive("rollups", rollups);
    if (rawPerf.compareTo(MIN_RAW_PERF) < 0) {
      throw new IllegalArgumentException(
          "rawPerf retention must be at least " + MIN_RAW_PERF + ", was " + rawPerf);
    }
  }

  /** 48 h of raw perf samples, 30 days of activity, 90 days of rollups. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(Duration.ofHours(48), Duration.ofDays(30), Duration.ofDays(90));
  }

  /** Raw perf rows before this instant may be deleted. */
  public Instant rawPerfCutoff(Instant now) {
    return Objects.requireNonNull(now, "now").minus(rawPerf);
  }

  /** Activity rows finished before this instant may be deleted. */
  public Instant activityCutoff(Instant now) {
    return Objects.requireNonNull(now, "now").minus(activity);
  }

  /** Rollup buckets starting before this instant may be deleted. */
  public Instant rollupsCutoff(Instant now) {
    return Objects.requireNonNull(now, "now").minus(rollups);
  }

  private static void requirePositive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " retention must be positive, was " + value);
    }
  }
}
