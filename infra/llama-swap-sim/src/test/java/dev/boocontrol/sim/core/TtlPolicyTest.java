package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TtlPolicyTest {

  private static final Instant READY = Instant.parse("2026-08-22T16:00:00Z");

  @Test
  void zeroTtlNeverUnloads() {
    assertThat(TtlPolicy.shouldUnload(READY.plusSeconds(99_999), 0, 0, null, READY)).isFalse();
    assertThat(TtlPolicy.shouldUnload(READY.plusSeconds(99_999), -1, 0, null, READY)).isFalse();
  }

  @Test
  void unloadsOnceTheLastRequestEndedMoreThanTtlAgo() {
    Instant lastEnd = READY.plusSeconds(100);
    assertThat(TtlPolicy.shouldUnload(lastEnd.plusSeconds(300), 300, 0, lastEnd, READY)).isFalse();
    assertThat(
            TtlPolicy.shouldUnload(lastEnd.plusSeconds(300).plusMillis(1), 300, 0, lastEnd, READY))
        .isTrue();
  }

  @Test
  void requestInFlightBlocksTheUnload() {
    Instant lastEnd = READY.plusSeconds(10);
    assertThat(TtlPolicy.shouldUnload(lastEnd.plusSeconds(1000), 300, 1, lastEnd, READY)).isFalse();
  }

  @Test
  void neverUsedModelCountsFromReadySince() {
    assertThat(TtlPolicy.shouldUnload(READY.plusSeconds(5), 5, 0, null, READY)).isFalse();
    assertThat(TtlPolicy.shouldUnload(READY.plusSeconds(6), 5, 0, null, READY)).isTrue();
    assertThat(TtlPolicy.shouldUnload(READY.plusSeconds(6), 5, 0, null, null)).isFalse();
  }

  @Test
  void lastRequestEndWinsOverReadySince() {
    Instant lastEnd = READY.plusSeconds(50);
    assertThat(TtlPolicy.shouldUnload(READY.plusSeconds(60), 30, 0, lastEnd, READY)).isFalse();
  }
}
