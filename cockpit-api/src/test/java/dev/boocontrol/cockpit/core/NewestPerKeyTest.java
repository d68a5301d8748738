package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NewestPerKeyTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void onlyAStrictlyNewerTimeAdvancesAKey() {
    NewestPerKey newest = new NewestPerKey();

    assertThat(newest.advance("gpu-1", T)).isTrue();
    assertThat(newest.advance("gpu-1", T)).as("the same time again").isFalse();
    assertThat(newest.advance("gpu-1", T.minusSeconds(5))).as("an older replay").isFalse();
    assertThat(newest.advance("gpu-1", T.plusSeconds(1))).isTrue();
  }

  @Test
  void keysAreIndependent() {
    NewestPerKey newest = new NewestPerKey();
    newest.advance("gpu-1", T);

    assertThat(newest.advance("gpu-2", T.minusSeconds(60))).isTrue();
  }
}
