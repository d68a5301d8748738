package dev.boocontrol.llamaswap.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.llamaswap.core.Samples;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private final List<SseEvent> events = new ArrayList<>();

  private SseParser parser() {
    return new SseParser(events::add);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void dataWithAndWithoutASpaceAfterTheColon() {
    SseParser parser = parser();
    parser.feed(utf8("data:x\n\ndata: x\n\ndata:  x\n\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly("x", "x", " x");
  }

  @Test
  void eventNameDefaultsToMessageAndResetsAfterDispatch() {
    SseParser parser = parser();
    parser.feed(utf8("event:message\ndata:a\n\nevent: custom\ndata:b\n\ndata:c\n\n"));
    assertThat(events).extracting(SseEvent::event).containsExactly("message", "custom", "message");
  }

  @Test
  void multipleDataLinesJoinWithNewlines() {
    SseParser parser = parser();
    parser.feed(utf8("data:one\ndata:two\ndata:\n\n"));
    assertThat(events).singleElement().extracting(SseEvent::data).isEqualTo("one\ntwo\n");
  }

  @Test
  void commentsRetryIdAndEmptyEventsAreHandled() {
    SseParser parser = parser();
    parser.feed(utf8(": keep-alive\nretry: 1000\nid: 9\n\nevent: x\n\ndata\n\n"));
    // No data: nothing dispatched; a bare "data" field line dispatches an empty string.
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data()).isEmpty();
              assertThat(e.lastEventId()).isEqualTo("9");
              assertThat(e.event()).isEqualTo("message");
            });
  }

  @Test
  void crlfCrAndLfLineEndings() {
    SseParser parser = parser();
    parser.feed(utf8("data:a\r\n\r\ndata:b\r\rdata:c\n\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly("a", "b", "c");
  }

  @Test
  void crlfSplitBetweenChunksIsOneLineBreak() {
    SseParser parser = parser();
    parser.feed(utf8("data:a\r"));
    parser.feed(utf8("\ndata:b\r"));
    parser.feed(utf8("\n\r"));
    parser.feed(utf8("\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly("a\nb");
  }

  @Test
  void utf8SplitAtEveryBytePosition() {
    String text = "µ→😀 ünïcödé";
    byte[] bytes = utf8("data:" + text + "\n\n");
    for (int split = 1; split < bytes.length; split++) {
      events.clear();
      SseParser parser = parser();
      parser.feed(Arrays.copyOfRange(bytes, 0, split));
      parser.feed(Arrays.copyOfRange(bytes, split, bytes.length));
      assertThat(events)
          .as("split at %d", split)
          .singleElement()
          .extracting(SseEvent::data)
          .isEqualTo(text);
    }
  }

  @Test
  void oneByteAtATime() {
    byte[] bytes = Samples.bytes("sse/api-events.request-lifecycle.sse.txt");
    SseParser parser = parser();
    for (byte b : bytes) {
      parser.feed(new byte[] {b});
    }
    assertThat(events).hasSize(13);
    assertThat(events.get(10).data())
        .isEqualTo("{\"type\":\"activity\",\"data\":\"{\\\"id\\\":42}\"}");
  }

  @Test
  void aFiveMebibyteDataLine() {
    String big = "y".repeat(5 * 1024 * 1024);
    byte[] bytes = utf8("event:message\ndata:" + big + "\n\ndata:after\n\n");
    SseParser parser = parser();
    for (int at = 0; at < bytes.length; at += 65536) {
      parser.feed(bytes, at, Math.min(65536, bytes.length - at));
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(0).data()).hasSize(big.length());
    assertThat(events.get(1).data()).isEqualTo("after");
    assertThat(parser.oversizeLinesDropped()).isZero();
  }

  @Test
  void anOversizeLineIsDroppedCountedAndTheNextEventStillParses() {
    SseParser parser = new SseParser(1024, events::add);
    parser.feed(utf8("data:first\n\n"));
    parser.feed(utf8("event:message\ndata:" + "z".repeat(700)));
    parser.feed(utf8("z".repeat(700))); // crosses the cap mid-line, in a later chunk
    parser.feed(utf8("z".repeat(700) + "\n"));
    parser.feed(utf8("\ndata:next\n\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly("first", "next");
    assertThat(parser.oversizeLinesDropped()).isEqualTo(1);
    assertThat(parser.eventsDiscarded()).isEqualTo(1);
    assertThat(parser.eventsDispatched()).isEqualTo(2);
  }

  @Test
  void theEventOfADroppedLineIsDiscardedWhole() {
    SseParser parser = new SseParser(64, events::add);
    parser.feed(
        utf8("data:part one\ndata:" + "q".repeat(100) + "\ndata:part three\n\ndata:ok\n\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly("ok");
  }

  @Test
  void anUnterminatedEventAtTheEndIsNotDispatched() {
    SseParser parser = parser();
    parser.feed(utf8("data:complete\n\ndata:cut off"));
    parser.finish();
    assertThat(events).extracting(SseEvent::data).containsExactly("complete");
    parser.feed(utf8("data:reused\n\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly("complete", "reused");
  }

  @Test
  void byteOrderMarkAndByteBuffers() {
    SseParser parser = parser();
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    parser.feed(ByteBuffer.wrap(bom));
    parser.feed(ByteBuffer.wrap(utf8("data:x\n\n")).asReadOnlyBuffer());
    assertThat(events).extracting(SseEvent::data).containsExactly("x");
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() {
    SseParser parser = parser();
    parser.feed(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xC3, '(', '\n', '\n'});
    assertThat(events).singleElement().extracting(SseEvent::data).isEqualTo("\uFFFD(");
  }

  @Test
  void legacyLogStreamSseJoinsLines() {
    SseParser parser = parser();
    parser.feed(Samples.bytes("legacy/logs-streamSSE.v0.0.51-v134.sse.txt"));
    parser.finish();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo("message");
              assertThat(e.data())
                  .isEqualTo(
                      "[INFO] <qwen3-30b> Health check passed on http://localhost:5802/health\n");
            });
  }

  @Test
  void refusesATinyCap() {
    assertThatThrownBy(() -> new SseParser(4, events::add))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
