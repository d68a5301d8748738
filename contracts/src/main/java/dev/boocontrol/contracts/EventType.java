package dev.boocontrol.contracts;

import java.util.Objects;

/**
 * A named, versioned kind of event and the topic it travels on. A breaking change to a payload gets
 * a new name, never a new meaning for an old one.
 *
 * @param name wire name in the envelope's {@code type} field
 * @param topic where events of this type are published
 * @param payloadClass the record the payload decodes to
 */
public record EventType<T>(String name, String topic, Class<T> payloadClass) {

  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payloadClass, "payloadClass");
  }
}
