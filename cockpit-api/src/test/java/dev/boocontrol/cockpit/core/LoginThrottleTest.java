package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5));

  @Test
  void aCallerMayFailUpToTheLimitThenWaitsForTheOldestFailureToExpire() {
    throttle.failed("10.0.0.1", T0);
    throttle.failed("10.0.0.1", T0.plusSeconds(10));
    assertThat(throttle.retryAfter("10.0.0.1", T0.plusSeconds(20))).isEmpty();
    throttle.failed("10.0.0.1", T0.plusSeconds(20));

    assertThat(throttle.retryAfter("10.0.0.1", T0.plusSeconds(30)))
        .contains(Duration.ofSeconds(270));
    assertThat(throttle.retryAfter("10.0.0.1", T0.plusSeconds(300))).isEmpty();
  }

  @Test
  void callersAreCountedApart() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.1", T0);
    }

    assertThat(throttle.retryAfter("10.0.0.1", T0)).isPresent();
    assertThat(throttle.retryAfter("10.0.0.2", T0)).isEmpty();
  }

  @Test
  void aSuccessClearsTheRecord() {
    throttle.failed("10.0.0.1", T0);
    throttle.failed("10.0.0.1", T0);
    throttle.succeeded("10.0.0.1");
    throttle.failed("10.0.0.1", T0);
    throttle.failed("10.0.0.1", T0);

    assertThat(throttle.retryAfter("10.0.0.1", T0)).isEmpty();
  }
}
