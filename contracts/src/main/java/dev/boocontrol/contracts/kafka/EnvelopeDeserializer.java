package dev.boocontrol.contracts.kafka;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an {@link EventEnvelope}. A record that is not an envelope fails with a {@link
 * SerializationException} naming the topic and a short excerpt; consumers configure a failure
 * strategy that counts, logs and skips it.
 */
public class EnvelopeDeserializer implements Deserializer<EventEnvelope> {

  private static final int EXCERPT = 120;

  @Override
  public EventEnvelope deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      EventEnvelope envelope = Json.MAPPER.readValue(data, EventEnvelope.class);
      if (envelope == null) {
        throw new SerializationException("empty record on " + topic);
      }
      return envelope;
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      String text = new String(data, StandardCharsets.UTF_8);
      String excerpt = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
      throw new SerializationException("not an event envelope on " + topic + ": " + excerpt, e);
    }
  }
}
