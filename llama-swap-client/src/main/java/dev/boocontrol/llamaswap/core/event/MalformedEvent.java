package dev.boocontrol.llamaswap.core.event;

import dev.boocontrol.llamaswap.core.Excerpts;

/**
 * An {@code /api/events} message that could not be decoded. The stream goes on after it.
 *
 * @param type the envelope's {@code type}, or empty when it could not be read
 * @param reason what was wrong, for logs and counters
 * @param excerpt the start of the offending data, at most {@link Excerpts#MAX_CHARS} characters
 */
public record MalformedEvent(String type, String reason, String excerpt) implements DecodedEvent {

  public MalformedEvent {
    type = type == null ? "" : type;
    reason = reason == null ? "" : reason;
    excerpt = Excerpts.of(excerpt);
  }
}
