package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

  @Test
  void tokensAreRandomUrlSafeAndHashedToHex() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String token = SessionTokens.newToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      seen.add(token);
    }
    assertThat(seen).hasSize(100);
    assertThat(SessionTokens.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void secretsMatchOnlyWhenEqualAndConfigured() {
    assertThat(SessionTokens.sameSecret("s3cret", "s3cret")).isTrue();
    assertThat(SessionTokens.sameSecret("s3cret", "s3creT")).isFalse();
    assertThat(SessionTokens.sameSecret(null, "s3cret")).isFalse();
    assertThat(SessionTokens.sameSecret("", "")).as("no password configured").isFalse();
  }
}
