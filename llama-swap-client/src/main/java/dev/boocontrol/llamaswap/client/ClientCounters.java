package dev.boocontrol.llamaswap.client;

/**
 * Cumulative counters of one {@link LlamaSwapClient}, over all its streams. A rising drop count
 * means a subscriber fell behind and events were lost locally: reconcile (spec §19.1).
 *
 * @param eventsReceived {@code /api/events} messages read from the socket
 * @param eventsDroppedLocally messages dropped because the local buffer was full
 * @param malformedEvents messages that decoded to a {@code MalformedEvent}
 * @param oversizeLinesDropped SSE lines longer than the configured cap
 * @param logChunksDroppedLocally {@code /logs/stream} chunks dropped because the buffer was full
 */
public record ClientCounters(
    long eventsReceived,
    long eventsDroppedLocally,
    long malformedEvents,
    long oversizeLinesDropped,
    long logChunksDroppedLocally) {}
