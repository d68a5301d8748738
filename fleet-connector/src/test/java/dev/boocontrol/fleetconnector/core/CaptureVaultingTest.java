package dev.boocontrol.fleetconnector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.contracts.events.CaptureRecorded;
import dev.boocontrol.llamaswap.core.model.Capture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureVaultingTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");

  private static Capture capture(int reqBytes, int respBytes, Map<String, String> reqHeaders) {
    return new Capture(
        42,
        "/v1/chat/completions",
        reqHeaders,
        "x".repeat(reqBytes).getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/event-stream"),
        respBytes < 0 ? null : "y".repeat(respBytes).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCaptureUnderTheCapBecomesAnEventWithRedactedHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer sk-host-key");
    headers.put("X-Boo-Source", "bench");
    headers.put("X-Upstream-Token", "t-1");
    CaptureRecorded e =
        new CaptureVaulting(100).event("gpu-1", 3, AT, capture(10, 20, headers)).orElseThrow();
    assertThat(e.hostId()).isEqualTo("gpu-1");
    assertThat(e.epoch()).isEqualTo(3);
    assertThat(e.activityId()).isEqualTo(42);
    assertThat(e.finishedAt()).isEqualTo(AT);
    assertThat(e.sizeBytes()).isEqualTo(30);
    assertThat(e.reqHeaders())
        .containsExactly(
            Map.entry("Authorization", "[redacted]"),
            Map.entry("X-Boo-Source", "bench"),
            Map.entry("X-Upstream-Token", "[redacted]"));
    assertThat(e.toString()).doesNotContain("sk-host-key").doesNotContain("t-1");
    assertThat(new String(Base64.getDecoder().decode(e.reqBodyBase64()), StandardCharsets.UTF_8))
        .isEqualTo("x".repeat(10));
    assertThat(Base64.getDecoder().decode(e.respBodyBase64())).hasSize(20);
  }

  @Test
  void exactlyAtTheCapIsKeptOneByteOverIsSkipped() {
    CaptureVaulting vaulting = new CaptureVaulting(30);
    assertThat(vaulting.event("h", 1, AT, capture(10, 20, Map.of()))).isPresent();
    assertThat(vaulting.event("h", 1, AT, capture(11, 20, Map.of()))).isEmpty();
  }

  @Test
  void partsNotKeptStayNullAndCountNothing() {
    CaptureRecorded e =
        new CaptureVaulting(10).event("h", 1, AT, capture(4, -1, null)).orElseThrow();
    assertThat(e.reqHeaders()).isNull();
    assertThat(e.respBodyBase64()).isNull();
    assertThat(e.sizeBytes()).isEqualTo(4);
  }

  @Test
  void theCapMustBePositive() {
    assertThatThrownBy(() -> new CaptureVaulting(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
