package dev.boocontrol.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Kafka record value is. Consumers look at {@code type} and ignore the types they do not
 * handle; the payload is decoded only on request, so an unknown payload never breaks a consumer.
 *
 * @param type event type name ({@link EventType#name()})
 * @param key the record key: host id for fleet topics, job id for control.jobs
 * @param occurredAt when the fact happened (stamped once by the producer, so replays agree)
 * @param payload the event body, as JSON
 */
public record EventEnvelope(String type, String key, Instant occurredAt, JsonNode payload) {

  public EventEnvelope {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(payload, "payload");
  }

  public static <T> EventEnvelope of(EventType<T> type, String key, Instant at, T payload) {
    return new EventEnvelope(type.name(), key, at, Json.MAPPER.valueToTree(payload));
  }

  /** The payload as {@code type}'s record, or empty when this envelope is of another type. */
  public <T> Optional<T> payload(EventType<T> expected) {
    if (!expected.name().equals(type)) {
      return Optional.empty();
    }
    return Optional.of(Json.MAPPER.convertValue(payload, expected.payloadClass()));
  }

  public boolean is(EventType<?> expected) {
    return expected.name().equals(type);
  }
}
