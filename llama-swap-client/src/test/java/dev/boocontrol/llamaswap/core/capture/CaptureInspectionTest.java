package dev.boocontrol.llamaswap.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.Samples;
import dev.boocontrol.llamaswap.core.model.Capture;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples of spec §8.6, made readable. */
class CaptureInspectionTest {

  private static Capture sample(String file) throws Exception {
    return Capture.fromJson(LlamaSwapJson.mapper().readTree(Samples.text(file)));
  }

  @Test
  void streamedCaptureHasRedactedHeadersDecodedBodiesAndTheFinalMessage() throws Exception {
    CaptureInspection i = CaptureInspection.of(sample("http/api-captures-42.200.json"));

    assertThat(i.reqPath()).isEqualTo("/v1/chat/completions");
    // llama-swap's own "[REDACTED]" becomes ours; everything else is as captured.
    assertThat(i.requestHeaders())
        .containsEntry("Authorization", "[redacted]")
        .containsEntry("User-Agent", "OpenAI/Python 1.99.9")
        .containsEntry("X-Session-Id", "sess-4f2a")
        .hasSize(7);
    assertThat(i.responseHeaders())
        .containsExactly(
            Map.entry("Content-Type", "text/event-stream"),
            Map.entry("Server", "llama.cpp"),
            Map.entry("X-Accel-Buffering", "no"));

    assertThat(i.requestBody().binary()).isFalse();
    assertThat(i.requestBody().sizeBytes()).isEqualTo(195); // = its Content-Length header
    assertThat(i.requestBody().text())
        .startsWith("{\"model\":\"qwen3-30b\"")
        .contains("What is the capital of France? Answer in one short sentence.");

    // The response body is, byte for byte, the upstream stream sample (samples README).
    assertThat(i.responseBody().text())
        .isEqualTo(Samples.text("upstream/v1-chat-completions.stream.llamacpp.sse.txt"));

    StreamReassembly s = i.stream();
    assertThat(s).isNotNull();
    assertThat(s.content()).isEqualTo("The capital of France is Paris. It is known for art.");
    assertThat(s.reasoning()).isEmpty();
    assertThat(s.finishReason()).isEqualTo("stop");
    assertThat(s.done()).isTrue();
    assertThat(s.usage().promptTokens()).isEqualTo(1436);
    assertThat(s.usage().completionTokens()).isEqualTo(12);
    assertThat(s.usage().cachedTokens()).isEqualTo(1024);
    assertThat(s.errors()).isEmpty();
  }

  @Test
  void failedRequestCaptureHasNoResponseBodyAndNoStream() throws Exception {
    CaptureInspection i =
        CaptureInspection.of(sample("http/api-captures-40.failed-request.200.json"));
    assertThat(i.requestBody().text())
        .isEqualTo(
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(i.responseHeaders()).containsExactly(Map.entry("Content-Type", "application/json"));
    assertThat(i.responseBody().kept()).isFalse();
    assertThat(i.stream()).isNull();
  }

  @Test
  void loadingStatePreludeIsKeptApartFromTheAnswer() {
    String stream = Samples.text("upstream/v1-chat-completions.stream.with-loading-state.sse.txt");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "text/event-stream; charset=utf-8");
    CaptureInspection i =
        CaptureInspection.of(
            new Capture(
                7,
                "/v1/chat/completions",
                Map.of("X-Api-Key", "sk-abc"),
                "{}".getBytes(StandardCharsets.UTF_8),
                headers,
                stream.getBytes(StandardCharsets.UTF_8)));
    assertThat(i.requestHeaders()).containsExactly(Map.entry("X-Api-Key", "[redacted]"));
    assertThat(i.stream().content())
        .isEqualTo("The capital of France is Paris. It is known for art.");
    assertThat(i.stream().loadingPrelude()).contains("llama-swap loading model: qwen3-30b");
    assertThat(i.stream().reasoning()).doesNotContain("loading model");
  }

  @Test
  void aBinaryStreamIsNotReassembled() {
    CaptureInspection i =
        CaptureInspection.of(
            new Capture(
                8,
                "/v1/chat/completions",
                null,
                null,
                Map.of("Content-Type", "text/event-stream"),
                new byte[] {(byte) 0xc3, (byte) 0x28}));
    assertThat(i.requestHeaders()).isNull();
    assertThat(i.requestBody().kept()).isFalse();
    assertThat(i.responseBody().binary()).isTrue();
    assertThat(i.stream()).isNull();
  }

  @Test
  void aJsonResponseIsNotAStream() {
    assertThat(CaptureInspection.isEventStream(Map.of("Content-Type", "application/json")))
        .isFalse();
    assertThat(CaptureInspection.isEventStream(Map.of("CONTENT-TYPE", "text/event-stream")))
        .isTrue();
    assertThat(CaptureInspection.isEventStream(null)).isFalse();
  }
}
