package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  private static final Instant NOW = Instant.parse("2026-08-22T16:00:00Z");

  @Test
  void defaultsAre48HoursThirtyDaysAndNinetyDays() {
    RetentionPolicy policy = RetentionPolicy.defaults();

    assertThat(policy.rawPerf()).isEqualTo(Duration.ofHours(48));
    assertThat(policy.activity()).isEqualTo(Duration.ofDays(30));
    assertThat(policy.rollups()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void cutoffsAreNowMinusEachWindow() {
    RetentionPolicy policy = RetentionPolicy.defaults();

    assertThat(policy.rawPerfCutoff(NOW)).isEqualTo(Instant.parse("2026-08-20T16:00:00Z"));
    assertThat(policy.activityCutoff(NOW)).isEqualTo(Instant.parse("2026-07-23T16:00:00Z"));
    assertThat(policy.rollupsCutoff(NOW)).isEqualTo(Instant.parse("2026-05-24T16:00:00Z"));
  }

  @Test
  void rawPerfOfExactlyOneHourIsAccepted() {
    RetentionPolicy policy =
        new RetentionPolicy(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(1));

    assertThat(policy.rawPerfCutoff(NOW)).isEqualTo(Instant.parse("2026-08-22T15:00:00Z"));
  }

  @Test
  void rawPerfShorterThanTheOneHourRingIsRejected() {
    assertThatThrownBy(
            () ->
                new RetentionPolicy(
                    Duration.ofMinutes(59), Duration.ofDays(30), Duration.ofDays(90)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rawPerf retention must be at least PT1H, was PT59M");
  }

  @Test
  void eachWindowMustBePositiveAndTheErrorNamesTheSetting() {
    Duration day = Duration.ofDays(1);

    assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, day, day))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rawPerf retention must be positive, was PT0S");
    assertThatThrownBy(() -> new RetentionPolicy(day, Duration.ZERO, day))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activity retention must be positive, was PT0S");
    assertThatThrownBy(() -> new RetentionPolicy(day, day, Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rollups retention must be positive, was PT-24H");
    assertThatThrownBy(() -> new RetentionPolicy(day, null, day))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activity retention must be positive, was null");
  }
}
