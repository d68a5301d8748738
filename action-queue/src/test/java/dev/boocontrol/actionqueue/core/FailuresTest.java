package dev.boocontrol.actionqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.llamaswap.core.error.ErrorMapper;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  @Test
  void aTimeoutNamesTheLimit() {
    assertThat(Failures.describe("warming m", new TimeoutException("x"), LIMIT))
        .isEqualTo("warming m failed: no answer from the host within 300 s");
  }

  @Test
  void anUnreachableHostSaysSo() {
    assertThat(Failures.describe("unloading m", new ConnectException("Connection refused"), LIMIT))
        .contains("could not reach the host", "Connection refused");
  }

  @Test
  void aHostAnswerGivesItsStatusAndMessage() {
    String text =
        Failures.describe(
            "unloading m", ErrorMapper.map(404, "text/plain", "model not found"), LIMIT);
    assertThat(text)
        .startsWith("unloading m failed: the host answered 404: ")
        .contains("not found");
  }

  @Test
  void anyOtherErrorIsQuotedOnOneLine() {
    String text = Failures.describe("warming m", new RuntimeException("line one\nline two"), LIMIT);
    assertThat(text).isEqualTo("warming m failed: line one line two");
  }
}
