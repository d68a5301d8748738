package dev.boocontrol.contracts.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes an {@link EventEnvelope} as UTF-8 JSON. */
public class EnvelopeSerializer implements Serializer<EventEnvelope> {

  @Override
  public byte[] serialize(String topic, EventEnvelope envelope) {
    if (envelope == null) {
      return null;
    }
    try {
      return Json.MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new SerializationException("cannot write " + envelope.type() + " for " + topic, e);
    }
  }
}
