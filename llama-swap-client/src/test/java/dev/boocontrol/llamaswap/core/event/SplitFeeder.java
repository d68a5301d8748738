package dev.boocontrol.llamaswap.core.event;

import dev.boocontrol.llamaswap.core.sse.SseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Feeds a byte stream to SSE parsing in random chunk sizes, like a network would. */
final class SplitFeeder {

  private SplitFeeder() {}

  static List<DecodedEvent> decode(byte[] bytes, Random random, int maxChunk) {
    List<DecodedEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(e -> events.add(EventDecoder.decode(e.data())));
    int at = 0;
    while (at < bytes.length) {
      int size = Math.min(bytes.length - at, 1 + random.nextInt(maxChunk));
      byte[] chunk = new byte[size];
      System.arraycopy(bytes, at, chunk, 0, size);
      parser.feed(chunk);
      at += size;
    }
    parser.finish();
    return events;
  }
}
