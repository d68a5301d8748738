package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResolutionTest {

  private static final Instant TO = Instant.parse("2026-11-25T10:00:00Z");

  private static TimeRange last(Duration span) {
    return new TimeRange(TO.minus(span), TO);
  }

  @Test
  void perfReadsRawUpToSixHoursInclusiveAndRollupsBeyond() {
    Duration limit = Resolution.PERF_RAW_LIMIT;
    assertThat(Resolution.choose(last(Duration.ofMinutes(1)), limit)).isEqualTo(Resolution.RAW);
    assertThat(Resolution.choose(last(Duration.ofHours(6)), limit)).isEqualTo(Resolution.RAW);
    assertThat(Resolution.choose(last(Duration.ofHours(6).plusMillis(1)), limit))
        .isEqualTo(Resolution.FIVE_MINUTES);
    assertThat(Resolution.choose(last(Duration.ofDays(7)), limit))
        .isEqualTo(Resolution.FIVE_MINUTES);
  }

  @Test
  void statsReadRawUpTo48HoursInclusive() {
    Duration limit = Resolution.STATS_RAW_LIMIT;
    assertThat(Resolution.choose(last(Duration.ofHours(48)), limit)).isEqualTo(Resolution.RAW);
    assertThat(Resolution.choose(last(Duration.ofHours(48).plusSeconds(1)), limit))
        .isEqualTo(Resolution.FIVE_MINUTES);
  }

  @Test
  void labelsAreWhatTheApiShows() {
    assertThat(Resolution.RAW.label()).isEqualTo("raw");
    assertThat(Resolution.FIVE_MINUTES.label()).isEqualTo("5m");
  }

  @Test
  void rawStepsKeepEverySeriesWithinTheCap() {
    Resolution.Plan hour = plan(Duration.ofHours(1));
    assertThat(hour.resolution()).isEqualTo(Resolution.RAW);
    assertThat(hour.step()).isEqualTo(Duration.ofSeconds(2)); // 3600 / 2016 = 1.8 -> 2
    assertThat(hour.requestStep()).isEqualTo(Duration.ofMinutes(1));

    Resolution.Plan six = plan(Duration.ofHours(6));
    assertThat(six.step()).isEqualTo(Duration.ofSeconds(11)); // 21600 / 2016 = 10.7 -> 11
    assertThat(Duration.ofHours(6).toSeconds() / six.step().toSeconds())
        .isLessThanOrEqualTo(Resolution.MAX_POINTS);

    Resolution.Plan tiny = plan(Duration.ofSeconds(10));
    assertThat(tiny.step()).isEqualTo(Duration.ofSeconds(1));
    assertThat(tiny.requestStep()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void rollupStepsAreWholeMultiplesOfFiveMinutesWithinTheCap() {
    Resolution.Plan week = plan(Duration.ofDays(7));
    assertThat(week.resolution()).isEqualTo(Resolution.FIVE_MINUTES);
    assertThat(week.step()).isEqualTo(Duration.ofMinutes(5)); // exactly 2016 buckets
    assertThat(week.requestStep()).isEqualTo(week.step());

    assertThat(plan(Duration.ofHours(7)).step()).isEqualTo(Duration.ofMinutes(5));
    assertThat(plan(Duration.ofDays(7).plusMinutes(1)).step()).isEqualTo(Duration.ofMinutes(10));
    for (int days : new int[] {8, 30, 90, 400}) {
      Duration span = Duration.ofDays(days);
      Duration step = plan(span).step();
      assertThat(step.toSeconds() % 300).isZero();
      assertThat(span.toSeconds() / step.toSeconds()).isLessThanOrEqualTo(Resolution.MAX_POINTS);
      // and not coarser than needed
      assertThat(span.toSeconds() / (step.toSeconds() - 300))
          .isGreaterThanOrEqualTo(Resolution.MAX_POINTS);
    }
  }

  @Test
  void rollupBucketsAreAlignedToFiveMinutesInUtc() {
    assertThat(Resolution.rollupBucket(Instant.parse("2026-11-25T10:04:59.999Z")))
        .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(Resolution.rollupBucket(Instant.parse("2026-11-25T10:05:00Z")))
        .isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
    assertThat(Resolution.rollupBucket(Instant.parse("1969-12-31T23:58:00Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:55:00Z"));
  }

  private static Resolution.Plan plan(Duration span) {
    return Resolution.plan(last(span), Resolution.PERF_RAW_LIMIT, Resolution.MAX_POINTS);
  }
}
