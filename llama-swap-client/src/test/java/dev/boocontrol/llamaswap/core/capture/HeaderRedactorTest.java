package dev.boocontrol.llamaswap.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRedactorTest {

  @Test
  void namedSecretsAreRedactedInAnyCase() {
    for (String name :
        new String[] {
          "Authorization",
          "authorization",
          "Proxy-Authorization",
          "Cookie",
          "Set-Cookie",
          "X-Api-Key",
          "X-API-KEY"
        }) {
      assertThat(HeaderRedactor.isSecret(name)).as(name).isTrue();
    }
  }

  @Test
  void namesContainingKeyTokenSecretOrPasswordAreRedacted() {
    for (String name :
        new String[] {
          "X-Goog-Api-Key",
          "Api-Key",
          "X-Auth-Token",
          "X-Csrf-TOKEN",
          "X-Client-Secret",
          "X-Password",
          "Monkey"
        }) {
      assertThat(HeaderRedactor.isSecret(name)).as(name).isTrue();
    }
  }

  @Test
  void ordinaryHeadersStay() {
    for (String name :
        new String[] {
          "Content-Type", "Accept", "User-Agent", "X-Boo-Source", "X-Session-Id", "Content-Length"
        }) {
      assertThat(HeaderRedactor.isSecret(name)).as(name).isFalse();
    }
    assertThat(HeaderRedactor.isSecret(null)).isFalse();
  }

  @Test
  void redactKeepsOrderAndOtherValues() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("Content-Type", "application/json");
    in.put("Authorization", "Bearer sk-live-123");
    in.put("X-Api-Key", "k-456");
    in.put("X-Boo-Source", "bench");
    Map<String, String> out = HeaderRedactor.redact(in);
    assertThat(out)
        .containsExactly(
            Map.entry("Content-Type", "application/json"),
            Map.entry("Authorization", "[redacted]"),
            Map.entry("X-Api-Key", "[redacted]"),
            Map.entry("X-Boo-Source", "bench"));
    assertThat(out.toString()).doesNotContain("sk-live-123").doesNotContain("k-456");
  }

  @Test
  void aPartNotKeptStaysNull() {
    assertThat(HeaderRedactor.redact(null)).isNull();
  }
}
