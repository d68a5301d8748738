package dev.boocontrol.llamaswap.core.event;

/**
 * What {@link EventDecoder} makes of one SSE message of {@code /api/events}: a typed {@link
 * LlamaSwapEvent}, or a {@link MalformedEvent} that the stream reports and skips.
 */
public sealed interface DecodedEvent permits LlamaSwapEvent, MalformedEvent {}
