package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.llamaswap.core.PayloadException;
import dev.boocontrol.llamaswap.core.error.ErrorMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PollOutcomeTest {

  private static final Duration FIVE_S = Duration.ofSeconds(5);

  @Test
  void aTwoHundredWithoutErrorIsOkAndKeepsTheNormalInterval() {
    PollOutcome outcome = PollOutcome.of(200, false, Optional.empty());

    assertThat(outcome).isEqualTo(new PollOutcome.Ok());
    assertThat(outcome.kind()).isEqualTo(PollOutcome.Kind.OK);
    assertThat(outcome.isFailure()).isFalse();
    assertThat(outcome.label()).isEqualTo("ok");
    assertThat(outcome.nextPollIn(FIVE_S, 0)).isEqualTo(FIVE_S);
    assertThat(outcome.nextPollIn(FIVE_S, 7)).isEqualTo(FIVE_S);
  }

  @Test
  void disabledIsShownAsSuchAndRecheckedEveryMinuteNotAsAFailure() {
    PollOutcome outcome =
        PollOutcome.of(
            503,
            true,
            Optional.of(ErrorMapper.map(503, "application/json", "{\"enabled\":false}")));

    assertThat(outcome).isEqualTo(new PollOutcome.Disabled());
    assertThat(outcome.kind()).isEqualTo(PollOutcome.Kind.DISABLED);
    assertThat(outcome.isFailure()).isFalse();
    assertThat(outcome.label()).isEqualTo("performance disabled");
    assertThat(outcome.nextPollIn(FIVE_S, 0)).isEqualTo(Duration.ofSeconds(60));
    assertThat(outcome.nextPollIn(FIVE_S, 9)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void enabledFalseOnATwoHundredIsAlsoDisabled() {
    assertThat(PollOutcome.of(200, true, Optional.empty()).kind())
        .isEqualTo(PollOutcome.Kind.DISABLED);
  }

  @Test
  void enabledFalseWithAnUnrelatedStatusIsABadResponse() {
    assertThat(PollOutcome.of(500, true, Optional.empty()))
        .isEqualTo(new PollOutcome.BadResponse(500, "HTTP 500"));
  }

  @Test
  void noHttpAnswerIsUnreachable() {
    PollOutcome outcome =
        PollOutcome.of(0, false, Optional.of(new ConnectException("Connection refused")));

    assertThat(outcome)
        .isEqualTo(new PollOutcome.Unreachable("ConnectException: Connection refused"));
    assertThat(outcome.isFailure()).isTrue();
    assertThat(outcome.label()).isEqualTo("unreachable");
    assertThat(PollOutcome.of(0, false, Optional.empty()))
        .isEqualTo(new PollOutcome.Unreachable("no HTTP answer"));
  }

  @Test
  void aServerErrorOrAnUnexpected503IsABadResponse() {
    PollOutcome serverError =
        PollOutcome.of(500, false, Optional.of(ErrorMapper.map(500, "text/plain", "boom")));
    PollOutcome otherUnavailable = PollOutcome.of(503, false, Optional.empty());

    assertThat(serverError.kind()).isEqualTo(PollOutcome.Kind.BAD_RESPONSE);
    assertThat(((PollOutcome.BadResponse) serverError).httpStatus()).isEqualTo(500);
    assertThat(serverError.label()).isEqualTo("bad response (HTTP 500)");
    assertThat(serverError.isFailure()).isTrue();
    assertThat(otherUnavailable).isEqualTo(new PollOutcome.BadResponse(503, "HTTP 503"));
  }

  @Test
  void aTwoHundredWhoseBodyDidNotParseIsABadResponse() {
    PayloadException unreadable = new PayloadException("Performance", "<html>", "not JSON");

    PollOutcome outcome = PollOutcome.of(200, false, Optional.of(unreadable));

    assertThat(outcome)
        .isEqualTo(
            new PollOutcome.BadResponse(
                200, "PayloadException: cannot read Performance (not JSON) from: <html>"));
  }

  @Test
  void failuresBackOffExponentiallyUpToOneMinute() {
    PollOutcome outcome = PollOutcome.of(0, false, Optional.empty());

    assertThat(outcome.nextPollIn(FIVE_S, 0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(outcome.nextPollIn(FIVE_S, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(outcome.nextPollIn(FIVE_S, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(outcome.nextPollIn(FIVE_S, 3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(outcome.nextPollIn(FIVE_S, 4)).isEqualTo(Duration.ofSeconds(60));
    assertThat(outcome.nextPollIn(FIVE_S, 1_000_000)).isEqualTo(Duration.ofSeconds(60));
    assertThat(outcome.nextPollIn(FIVE_S, Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void badResponsesBackOffLikeUnreachableHosts() {
    PollOutcome outcome = PollOutcome.of(502, false, Optional.empty());

    assertThat(outcome.nextPollIn(FIVE_S, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(outcome.nextPollIn(FIVE_S, 5)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aNegativeFailureCountIsTreatedAsNone() {
    assertThat(PollOutcome.of(0, false, Optional.empty()).nextPollIn(FIVE_S, -3)).isEqualTo(FIVE_S);
  }

  @Test
  void aSlowNormalIntervalIsNeverShortenedByDisabledOrFailure() {
    Duration twoMinutes = Duration.ofMinutes(2);

    assertThat(new PollOutcome.Disabled().nextPollIn(twoMinutes, 0)).isEqualTo(twoMinutes);
    assertThat(new PollOutcome.Unreachable("x").nextPollIn(twoMinutes, 3)).isEqualTo(twoMinutes);
  }

  @Test
  void theNormalIntervalMustBePositive() {
    assertThatThrownBy(() -> new PollOutcome.Ok().nextPollIn(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poll interval");
    assertThatThrownBy(() -> new PollOutcome.Unreachable("x").nextPollIn(Duration.ofSeconds(-1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofFailureReadsTheDisabledAnswerOfTheClient() {
    PollOutcome outcome =
        PollOutcome.ofFailure(ErrorMapper.map(503, "application/json", "{\"enabled\":false}"));

    assertThat(outcome).isEqualTo(new PollOutcome.Disabled());
  }

  @Test
  void ofFailureTellsOther503sApart() {
    PollOutcome outcome =
        PollOutcome.ofFailure(ErrorMapper.map(503, "text/plain", "service unavailable"));

    assertThat(outcome.kind()).isEqualTo(PollOutcome.Kind.BAD_RESPONSE);
    assertThat(((PollOutcome.BadResponse) outcome).httpStatus()).isEqualTo(503);
  }

  @Test
  void ofFailureMapsClientErrorsByStatusAndLooksThroughAsyncWrappers() {
    PollOutcome unauthorized =
        PollOutcome.ofFailure(
            new CompletionException(
                ErrorMapper.map(401, "application/json", "{\"error\":\"unauthorized\"}")));
    PollOutcome unreadable =
        PollOutcome.ofFailure(new PayloadException("Performance", "{", "truncated"));
    PollOutcome down = PollOutcome.ofFailure(new IOException("Connection reset"));

    assertThat(((PollOutcome.BadResponse) unauthorized).httpStatus()).isEqualTo(401);
    assertThat(((PollOutcome.BadResponse) unreadable).httpStatus()).isEqualTo(200);
    assertThat(down).isEqualTo(new PollOutcome.Unreachable("IOException: Connection reset"));
  }
}
