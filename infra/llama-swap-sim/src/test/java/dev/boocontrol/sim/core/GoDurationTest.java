package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoDurationTest {

  @Test
  void formatsLikeGo() {
    // values from the samples' access-log lines
    assertThat(GoDuration.format(187_204L)).isEqualTo("187.204µs");
    assertThat(GoDuration.format(31_880_512L)).isEqualTo("31.880512ms");
    assertThat(GoDuration.format(16_648_912_307L)).isEqualTo("16.648912307s");
    assertThat(GoDuration.format(3_412_881_734L)).isEqualTo("3.412881734s");
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(999)).isEqualTo("999ns");
    assertThat(GoDuration.format(2_000_000L)).isEqualTo("2ms");
    assertThat(GoDuration.format(123_500_000_000L)).isEqualTo("2m3.5s");
    assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
  }
}
