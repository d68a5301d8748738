package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VaultRetentionTest {

  @Test
  void cutoffIsNowMinusTheRetention() {
    VaultRetention r = new VaultRetention(Duration.ofDays(7), 256L << 20);
    assertThat(r.cutoff(Instant.parse("2026-08-22T16:30:14Z")))
        .isEqualTo(Instant.parse("2026-08-15T16:30:14Z"));
    assertThat(r.maxBytesPerHost()).isEqualTo(268_435_456L);
  }

  @Test
  void zeroOrNegativeSettingsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new VaultRetention(Duration.ZERO, 1))
        .hasMessageContaining("retention");
    assertThatThrownBy(() -> new VaultRetention(Duration.ofDays(-1), 1))
        .hasMessageContaining("retention");
    assertThatThrownBy(() -> new VaultRetention(Duration.ofDays(1), 0))
        .hasMessageContaining("max-bytes-per-host");
  }
}
