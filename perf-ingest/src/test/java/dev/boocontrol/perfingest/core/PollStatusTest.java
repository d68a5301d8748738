package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PollStatusTest {

  private static final Duration EVERY = Duration.ofSeconds(5);
  private static final PollOutcome OK = PollOutcome.of(200, false, Optional.empty());
  private static final PollOutcome DISABLED = PollOutcome.of(503, true, Optional.empty());
  private static final PollOutcome DOWN = PollOutcome.ofFailure(new ConnectException("refused"));

  @Test
  void aHealthyHostIsPolledAtTheIntervalAndNothingIsAnnounced() {
    PollStatus status = new PollStatus();

    PollStatus.Step step = status.after(OK, EVERY);

    assertThat(step.announce()).isEmpty();
    assertThat(step.nextPollIn()).isEqualTo(EVERY);
  }

  @Test
  void disabledIsAnnouncedOnceAndRecheckedSlowly() {
    PollStatus status = new PollStatus();

    assertThat(status.after(DISABLED, EVERY).announce()).contains("disabled");
    PollStatus.Step again = status.after(DISABLED, EVERY);

    assertThat(again.announce()).isEmpty();
    assertThat(again.nextPollIn()).isEqualTo(PollOutcome.DISABLED_RECHECK);
    assertThat(status.consecutiveFailures()).isZero();
  }

  @Test
  void failuresAreAnnouncedOnceAndBackOffUntilTheHostAnswers() {
    PollStatus status = new PollStatus();

    assertThat(status.after(DOWN, EVERY).announce()).contains("unreachable");
    Duration second = status.after(DOWN, EVERY).nextPollIn();
    Duration third = status.after(DOWN, EVERY).nextPollIn();

    assertThat(status.consecutiveFailures()).isEqualTo(3);
    assertThat(third).isGreaterThan(second).isLessThanOrEqualTo(PollOutcome.MAX_BACKOFF);
    PollStatus.Step back = status.after(OK, EVERY);
    assertThat(back.announce()).isEmpty();
    assertThat(back.nextPollIn()).isEqualTo(EVERY);
    assertThat(status.consecutiveFailures()).isZero();
    assertThat(status.after(DOWN, EVERY).announce())
        .as("a new outage is announced again")
        .contains("unreachable");
  }
}
