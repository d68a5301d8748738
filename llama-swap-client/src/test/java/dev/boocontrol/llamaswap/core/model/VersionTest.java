package dev.boocontrol.llamaswap.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void releaseNumberFromEveryBuildKind() {
    assertThat(Version.of("v250").releaseNumber()).isEqualTo(OptionalInt.of(250));
    assertThat(Version.of("v250").commitsAfterRelease()).isEqualTo(OptionalInt.of(0));
    assertThat(Version.of("v250-5-g0bdb37").releaseNumber()).isEqualTo(OptionalInt.of(250));
    assertThat(Version.of("v250-5-g0bdb37+").releaseNumber()).isEqualTo(OptionalInt.of(250));
    assertThat(Version.of("v94").releaseNumber()).isEqualTo(OptionalInt.of(94));
  }

  @Test
  void toleratesDevelopmentBuilds() {
    assertThat(Version.of("0").releaseNumber()).isEmpty();
    assertThat(Version.of("unknown").releaseNumber()).isEmpty();
    assertThat(Version.of("").releaseNumber()).isEmpty();
    assertThat(Version.of("abcd1234").releaseNumber()).isEmpty();
    assertThat(Version.of("v0.0.51").releaseNumber()).isEmpty();
    assertThat(new Version(null, null, null).releaseNumber()).isEmpty();
    assertThat(new Version("unknown", "abcd1234", "0").buildTime()).isEmpty();
  }

  @Test
  void comparesReleases() {
    assertThat(Version.of("v250-5-g0bdb37").isAtLeast(236)).isTrue();
    assertThat(Version.of("v235").isAtLeast(236)).isFalse();
    assertThat(Version.of("unknown").isAtLeast(1)).isFalse();
  }
}
