package dev.boocontrol.llamaswap.client;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link ClientCounters}. */
final class StreamCounters {
  final AtomicLong eventsReceived = new AtomicLong();
  final AtomicLong eventsDropped = new AtomicLong();
  final AtomicLong malformedEvents = new AtomicLong();
  final AtomicLong oversizeLines = new AtomicLong();
  final AtomicLong logChunksDropped = new AtomicLong();

  ClientCounters snapshot() {
    return new ClientCounters(
        eventsReceived.get(),
        eventsDropped.get(),
        malformedEvents.get(),
        oversizeLines.get(),
        logChunksDropped.get());
  }
}
