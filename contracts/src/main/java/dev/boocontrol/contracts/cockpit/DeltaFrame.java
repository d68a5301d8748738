package dev.boocontrol.contracts.cockpit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One fleet event of one host, forwarded as it came. {@code seq} counts this host's deltas without
 * holes, so a client that sees a hole knows it missed something and asks for a snapshot.
 *
 * @param type one of the {@code control_*} types ({@link FrameType#delta()})
 * @param host the host id
 * @param seq this host's delta number: the previous one plus one, the first being 1
 * @param at when the event happened (the envelope's {@code occurredAt})
 * @param event the fleet event type name, e.g. {@code model.transition}
 * @param data the event's payload
 */
public record DeltaFrame(
    FrameType type, String host, long seq, Instant at, String event, JsonNode data)
    implements Frame {

  public DeltaFrame {
    Objects.requireNonNull(type, "type");
    if (!type.delta()) {
      throw new IllegalArgumentException("a delta frame cannot have type " + type.wireName());
    }
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
  }

  public static DeltaFrame of(
      FrameType type, String host, long seq, Instant at, String event, JsonNode data) {
    return new DeltaFrame(type, host, seq, at, event, data);
  }
}
