package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.cockpit.core.CaptureLookup.Facts;
import dev.boocontrol.cockpit.core.CaptureLookup.HostAnswer;
import dev.boocontrol.cockpit.core.CaptureLookup.Missing;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureLookupTest {

  private static final Instant T1 = Instant.parse("2026-08-22T16:00:00Z");
  private static final Instant T2 = Instant.parse("2026-08-22T17:00:00Z");

  private static Facts row(boolean hasCapture, Integer current) {
    return new Facts(true, true, hasCapture, current, T1);
  }

  @Test
  void theHostIsAskedOnlyForItsCurrentEpochAndARowWithACapture() {
    assertThat(CaptureLookup.askHost(row(true, 3), 3)).isTrue();
    assertThat(CaptureLookup.askHost(row(true, 4), 3)).isFalse();
    assertThat(CaptureLookup.askHost(row(false, 3), 3)).isFalse();
    assertThat(CaptureLookup.askHost(row(true, null), 3)).isFalse();
    assertThat(CaptureLookup.askHost(new Facts(true, false, false, 3, null), 3)).isFalse();
    assertThat(CaptureLookup.askHost(new Facts(false, false, false, null, null), 3)).isFalse();
  }

  @Test
  void sameProcessComparesStartTimesWhenBothAreKnown() {
    assertThat(CaptureLookup.sameProcess(T1, T1)).isTrue();
    assertThat(CaptureLookup.sameProcess(T1, T2)).isFalse();
    // the database keeps microseconds of the host's nanoseconds
    assertThat(CaptureLookup.sameProcess(T1.plusNanos(123_456_000), T1.plusNanos(123_456_789)))
        .isTrue();
    assertThat(CaptureLookup.sameProcess(T1, T1.plusSeconds(3))).isFalse();
    assertThat(CaptureLookup.sameProcess(null, T2)).isTrue();
    assertThat(CaptureLookup.sameProcess(T1, null)).isTrue();
  }

  @Test
  void unknownHostAndRow() {
    Missing host =
        CaptureLookup.missing(
            "gpu-9", 1, 5, new Facts(false, false, false, null, null), HostAnswer.NOT_ASKED, null);
    assertThat(host).isEqualTo(new Missing(404, "no host gpu-9 is registered"));
    Missing row =
        CaptureLookup.missing(
            "gpu-1", 2, 5, new Facts(true, false, false, 2, T1), HostAnswer.NOT_ASKED, null);
    assertThat(row.status()).isEqualTo(404);
    assertThat(row.message())
        .isEqualTo("no request 5 in epoch 2 of host gpu-1 is in the activity history");
  }

  @Test
  void noCaptureWasRecorded() {
    Missing m = CaptureLookup.missing("gpu-1", 2, 5, row(false, 2), HostAnswer.NOT_ASKED, null);
    assertThat(m.status()).isEqualTo(404);
    assertThat(m.message()).startsWith("has_capture was false for this request");
  }

  @Test
  void theHostRestartedSinceTheRequest() {
    Missing m = CaptureLookup.missing("gpu-1", 2, 5, row(true, 4), HostAnswer.NOT_ASKED, null);
    assertThat(m.message())
        .isEqualTo(
            "the host restarted since this request (epoch 2, now 4) and llama-swap keeps"
                + " captures in memory only; the capture vault has no copy");
    Missing unseen =
        CaptureLookup.missing("gpu-1", 2, 5, row(true, 2), HostAnswer.NEWER_PROCESS, null);
    assertThat(unseen.message())
        .startsWith("the host restarted since this request (epoch 2, now a newer process");
  }

  @Test
  void theHostEvictedIt() {
    Missing m = CaptureLookup.missing("gpu-1", 2, 5, row(true, 2), HostAnswer.NOT_FOUND, null);
    assertThat(m.status()).isEqualTo(404);
    assertThat(m.message())
        .startsWith("the host no longer holds this capture (evicted from its in-memory capture");
  }

  @Test
  void anUnreachableHostIsABadGatewayWithTheReason() {
    Missing m =
        CaptureLookup.missing(
            "gpu-1", 2, 5, row(true, 2), HostAnswer.FAILED, "ConnectException: refused");
    assertThat(m.status()).isEqualTo(502);
    assertThat(m.message())
        .isEqualTo(
            "could not read the capture from host gpu-1 (ConnectException: refused) and the"
                + " capture vault has no copy");
  }
}
