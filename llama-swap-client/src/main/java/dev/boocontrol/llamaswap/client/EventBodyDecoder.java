package dev.boocontrol.llamaswap.client;

import dev.boocontrol.llamaswap.core.event.DecodedEvent;
import dev.boocontrol.llamaswap.core.event.EventDecoder;
import dev.boocontrol.llamaswap.core.event.MalformedEvent;
import dev.boocontrol.llamaswap.core.sse.SseParser;
import java.util.function.Consumer;

/** {@code /api/events} body bytes → SSE events → decoded llama-swap events, counting as it goes. */
final class EventBodyDecoder implements UnpausedStream.BodyDecoder<DecodedEvent> {

  private final StreamCounters counters;
  private final SseParser parser;
  private Consumer<DecodedEvent> out;
  private long oversizeSeen;

  EventBodyDecoder(int maxLineBytes, StreamCounters counters) {
    this.counters = counters;
    this.parser = new SseParser(maxLineBytes, event -> emit(EventDecoder.decode(event.data())));
  }

  @Override
  public void onBytes(byte[] chunk, Consumer<DecodedEvent> sink) {
    out = sink;
    parser.feed(chunk);
    countOversizeLines();
  }

  @Override
  public void onEnd(Consumer<DecodedEvent> sink) {
    out = sink;
    parser.finish();
    countOversizeLines();
  }

  private void emit(DecodedEvent event) {
    counters.eventsReceived.incrementAndGet();
    if (event instanceof MalformedEvent) {
      counters.malformedEvents.incrementAndGet();
    }
    out.accept(event);
  }

  private void countOversizeLines() {
    long now = parser.oversizeLinesDropped();
    if (now != oversizeSeen) {
      counters.oversizeLines.addAndGet(now - oversizeSeen);
      oversizeSeen = now;
    }
  }
}
