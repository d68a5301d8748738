package dev.boocontrol.llamaswap.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.llamaswap.core.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8ChunkDecoderTest {

  @Test
  void keepsCharactersSplitAcrossChunksWhole() {
    byte[] bytes = Samples.bytes("sse/logs-stream.transcript.txt");
    String whole = new String(bytes, StandardCharsets.UTF_8);
    assertThat(whole).contains("187.204µs");
    for (int chunk = 1; chunk <= 7; chunk++) {
      Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
      StringBuilder out = new StringBuilder();
      for (int at = 0; at < bytes.length; at += chunk) {
        out.append(
            decoder.decode(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk))));
      }
      out.append(decoder.finish());
      assertThat(out.toString()).as("chunk %d", chunk).isEqualTo(whole);
    }
  }

  @Test
  void anUnfinishedCharacterAtTheEndBecomesAReplacement() {
    Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
    assertThat(decoder.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x86})).isEqualTo("a");
    assertThat(decoder.finish()).isEqualTo("\uFFFD");
  }

  @Test
  void logTranscriptsReadAsLines() {
    @SuppressWarnings("unchecked")
    List<String> proxy =
        (List<String>)
            dev.boocontrol.llamaswap.core.SampleParser.LOG_TEXT.parse(
                "sse/logs-stream.transcript.txt");
    assertThat(proxy).hasSize(8);
    assertThat(proxy.get(7))
        .isEqualTo("[INFO] <qwen3-30b> Health check passed on http://localhost:5802/health");
    @SuppressWarnings("unchecked")
    List<String> model =
        (List<String>)
            dev.boocontrol.llamaswap.core.SampleParser.LOG_TEXT.parse(
                "sse/logs-stream-qwen3-30b.transcript.txt");
    assertThat(model).first().asString().startsWith("main: HTTP server is listening");
    assertThat(model).anyMatch(l -> l.contains("1058.54 tokens per second"));
    @SuppressWarnings("unchecked")
    List<String> ring =
        (List<String>)
            dev.boocontrol.llamaswap.core.SampleParser.LOG_TEXT.parse("http/logs.200.txt");
    assertThat(ring).hasSize(7).allMatch(l -> l.startsWith("[INFO] "));
  }
}
