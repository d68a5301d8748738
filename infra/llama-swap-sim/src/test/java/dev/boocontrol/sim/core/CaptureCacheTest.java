package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureCacheTest {

  private static Capture capture(long id, int bodyBytes) {
    return new Capture(id, "/v1/chat/completions", Map.of(), new byte[bodyBytes], null, null);
  }

  @Test
  void storesAndReturnsCaptures() {
    CaptureCache cache = new CaptureCache(1000);
    Capture c = capture(7, 100);
    cache.put(c);
    assertThat(cache.contains(7)).isTrue();
    assertThat(cache.get(7)).containsSame(c);
    assertThat(cache.get(8)).isEmpty();
    assertThat(cache.usedBytes()).isEqualTo(100);
  }

  @Test
  void evictsOldestUntilTheNewOneFits() {
    CaptureCache cache = new CaptureCache(1000);
    cache.put(capture(1, 400));
    cache.put(capture(2, 400));
    cache.put(capture(3, 150));
    cache.put(
        capture(4, 500)); // needs 1 and 2 gone? 950+500 > 1000: drop 1 -> 550+500 > 1000: drop 2
    assertThat(cache.contains(1)).isFalse();
    assertThat(cache.contains(2)).isFalse();
    assertThat(cache.contains(3)).isTrue();
    assertThat(cache.contains(4)).isTrue();
    assertThat(cache.usedBytes()).isEqualTo(650);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void captureBiggerThanTheCacheIsNotStoredAndEvictsNothing() {
    CaptureCache cache = new CaptureCache(1000);
    cache.put(capture(1, 10));
    cache.put(capture(2, 1001));
    assertThat(cache.contains(2)).isFalse();
    assertThat(cache.contains(1)).isTrue();
    cache.put(capture(3, 1000)); // exactly the capacity: fits once 1 is evicted
    assertThat(cache.contains(3)).isTrue();
    assertThat(cache.contains(1)).isFalse();
  }

  @Test
  void zeroCapacityDisablesCaptures() {
    CaptureCache cache = new CaptureCache(0);
    cache.put(capture(1, 0));
    assertThat(cache.contains(1)).isFalse();
    assertThat(CaptureCache.ofMegabytes(5).capacityBytes()).isEqualTo(5L * 1024 * 1024);
  }

  @Test
  void replacingAnIdDoesNotDoubleCount() {
    CaptureCache cache = new CaptureCache(1000);
    cache.put(capture(1, 600));
    cache.put(capture(1, 700));
    assertThat(cache.usedBytes()).isEqualTo(700);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void clearEmptiesTheCache() {
    CaptureCache cache = new CaptureCache(1000);
    cache.put(capture(1, 10));
    cache.clear();
    assertThat(cache.contains(1)).isFalse();
    assertThat(cache.usedBytes()).isZero();
  }

  @Test
  void sizeCountsBodiesAndHeaderBytes() {
    Capture c =
        new Capture(
            1,
            "/p",
            Map.of("Content-Type", "application/json"), // 12 + 16
            new byte[10],
            Map.of("Server", "llama.cpp"), // 6 + 9
            new byte[5]);
    assertThat(c.sizeBytes()).isEqualTo(10 + 5 + 28 + 15);
  }

  @Test
  void redactsCredentialsCanonicalisesNamesAndKeepsFirstValue() {
    List<Map.Entry<String, String>> headers =
        List.of(
            new AbstractMap.SimpleEntry<>("authorization", "Bearer sk-1"),
            new AbstractMap.SimpleEntry<>("PROXY-AUTHORIZATION", "Basic x"),
            new AbstractMap.SimpleEntry<>("cookie", "a=b"),
            new AbstractMap.SimpleEntry<>("Set-Cookie", "c=d"),
            new AbstractMap.SimpleEntry<>("x-api-key", "k"),
            new AbstractMap.SimpleEntry<>("content-type", "application/json"),
            new AbstractMap.SimpleEntry<>("Content-Type", "text/plain"),
            new AbstractMap.SimpleEntry<>("X-Session-ID", "sess-4f2a"));
    Map<String, String> out = CaptureCache.redactHeaderEntries(headers);
    assertThat(out)
        .containsExactly(
            Map.entry("Authorization", "[REDACTED]"),
            Map.entry("Content-Type", "application/json"),
            Map.entry("Cookie", "[REDACTED]"),
            Map.entry("Proxy-Authorization", "[REDACTED]"),
            Map.entry("Set-Cookie", "[REDACTED]"),
            Map.entry("X-Api-Key", "[REDACTED]"),
            Map.entry("X-Session-Id", "sess-4f2a"));
    Map<String, String> plain = new LinkedHashMap<>();
    plain.put("user-agent", "curl/8.5.0");
    assertThat(CaptureCache.redactHeaders(plain))
        .containsExactly(Map.entry("User-Agent", "curl/8.5.0"));
  }

  @Test
  void canonicalHeaderKeyFollowsGo() {
    assertThat(CaptureCache.canonicalHeaderKey("content-type")).isEqualTo("Content-Type");
    assertThat(CaptureCache.canonicalHeaderKey("CONTENT-TYPE")).isEqualTo("Content-Type");
    assertThat(CaptureCache.canonicalHeaderKey("x-session-id")).isEqualTo("X-Session-Id");
    assertThat(CaptureCache.canonicalHeaderKey("www-authenticate")).isEqualTo("Www-Authenticate");
    assertThat(CaptureCache.canonicalHeaderKey("x-1-foo")).isEqualTo("X-1-Foo");
    assertThat(CaptureCache.canonicalHeaderKey("bad header")).isEqualTo("bad header");
    assertThat(CaptureCache.canonicalHeaderKey("a:b")).isEqualTo("a:b");
  }

  @Test
  void capture42MatchesSampleByteForByte() throws Exception {
    String sample = Samples.text("http/api-captures-42.200.json");
    JsonNode node = GoJson.mapper().readTree(sample);
    Map<String, String> reqHeaders =
        CaptureCache.redactHeaders(
            Map.of(
                "accept", "text/event-stream",
                "accept-encoding", "gzip, deflate",
                "authorization", "Bearer sk-live-secret",
                "content-length", "195",
                "content-type", "application/json",
                "user-agent", "OpenAI/Python 1.99.9",
                "x-session-id", "sess-4f2a"));
    Capture capture =
        new Capture(
            42,
            "/v1/chat/completions",
            reqHeaders,
            Base64.getDecoder().decode(node.get("req_body").asText()),
            Map.of(
                "Content-Type", "text/event-stream",
                "Server", "llama.cpp",
                "X-Accel-Buffering", "no"),
            Base64.getDecoder().decode(node.get("resp_body").asText()));
    assertThat(new String(capture.reqBody(), StandardCharsets.UTF_8))
        .startsWith("{\"model\":\"qwen3-30b\"");
    CaptureCache cache = CaptureCache.ofMegabytes(5);
    cache.put(capture);
    assertThat(GoJson.write(cache.get(42).orElseThrow())).isEqualTo(sample);
  }

  @Test
  void failedRequestCaptureHasNullResponseBody() {
    byte[] body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    Capture capture =
        new Capture(
            40,
            "/v1/chat/completions",
            CaptureCache.redactHeaders(
                Map.of(
                    "Content-Length", "64",
                    "Content-Type", "application/json",
                    "User-Agent", "curl/8.5.0")),
            body,
            Map.of("Content-Type", "application/json"),
            null);
    assertThat(GoJson.write(capture))
        .isEqualTo(Samples.text("http/api-captures-40.failed-request.200.json"));
  }
}
