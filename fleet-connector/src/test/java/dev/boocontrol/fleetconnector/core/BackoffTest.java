package dev.boocontrol.fleetconnector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration BASE = Duration.ofMillis(250);
  private static final Duration MAX = Duration.ofSeconds(10);

  private static List<Duration> draw(Backoff backoff, int n) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      delays.add(backoff.next());
    }
    return delays;
  }

  @Test
  void ceilingDoublesFromBaseUpToMax() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);

    assertThat(draw(backoff, 8))
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    assertThat(backoff.attempts()).isEqualTo(8);
  }

  @Test
  void fullJitterScalesTheCeiling() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 0.5);

    assertThat(draw(backoff, 4))
        .containsExactly(
            Duration.ofMillis(125),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1));
  }

  @Test
  void neverBelowHalfTheBaseSoNoHotLoop() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 0.0);

    assertThat(draw(backoff, 10)).allMatch(d -> d.equals(Duration.ofMillis(125)));
  }

  @Test
  void smallRandomIsFlooredButLargeAttemptsStillJitter() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 0.1);

    assertThat(draw(backoff, 7))
        .containsExactly(
            Duration.ofMillis(125), // 25 ms raised to the floor
            Duration.ofMillis(125), // 50 ms
            Duration.ofMillis(125), // 100 ms
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofSeconds(1)); // 0.1 * 10 s
  }

  @Test
  void resetStartsAgainFromBase() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);
    draw(backoff, 5);

    backoff.reset();

    assertThat(backoff.attempts()).isZero();
    assertThat(backoff.next()).isEqualTo(BASE);
    assertThat(backoff.attempts()).isEqualTo(1);
  }

  @Test
  void manyAttemptsStayAtMaxWithoutOverflow() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);

    List<Duration> delays = draw(backoff, 200);

    assertThat(delays.get(199)).isEqualTo(MAX);
    assertThat(delays).allMatch(d -> d.compareTo(MAX) <= 0 && d.compareTo(BASE) >= 0);
    assertThat(backoff.attempts()).isEqualTo(200);
  }

  @Test
  void hugeMaxDoesNotOverflowTheShift() {
    Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofDays(365 * 100), () -> 1.0);

    List<Duration> delays = draw(backoff, 100);

    assertThat(delays.get(10)).isEqualTo(Duration.ofMillis(1024));
    assertThat(delays.get(99)).isEqualTo(Duration.ofDays(365 * 100));
  }

  @Test
  void randomOutsideTheUnitIntervalIsClamped() {
    assertThat(new Backoff(BASE, MAX, () -> 7.0).next()).isEqualTo(BASE);
    assertThat(new Backoff(BASE, MAX, () -> -3.0).next()).isEqualTo(Duration.ofMillis(125));
    assertThat(new Backoff(BASE, MAX, () -> Double.NaN).next()).isEqualTo(Duration.ofMillis(125));
  }

  @Test
  void realJitterStaysWithinBounds() {
    Backoff backoff = Backoff.withJitter(BASE, MAX);

    List<Duration> delays = draw(backoff, 50);

    assertThat(delays.get(0)).isBetween(Duration.ofMillis(125), BASE);
    assertThat(delays).allMatch(d -> d.compareTo(Duration.ofMillis(125)) >= 0);
    assertThat(delays).allMatch(d -> d.compareTo(MAX) <= 0);
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, () -> 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), MAX, () -> 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(MAX, BASE, () -> 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(BASE, MAX, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void baseEqualToMaxIsAConstantCeiling() {
    Backoff backoff = new Backoff(MAX, MAX, () -> 1.0);

    assertThat(draw(backoff, 3)).containsOnly(MAX);
  }
}
