package dev.boocontrol.platform.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes events to their type's topic, keyed (by host id on the fleet topics) so one key's
 * events stay in order on one partition. Each service subclasses it with its own {@code @Channel}.
 * The returned Uni completes when the broker acknowledged the record.
 */
public abstract class EnvelopePublisher {

  private final MutinyEmitter<EventEnvelope> emitter;

  protected EnvelopePublisher(MutinyEmitter<EventEnvelope> emitter) {
    this.emitter = emitter;
  }

  public <T> Uni<Void> publish(EventType<T> type, String key, Instant at, T payload) {
    EventEnvelope envelope = EventEnvelope.of(type, key, at, payload);
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withTopic(type.topic()).withKey(key).build();
    return emitter.sendMessage(Message.of(envelope).addMetadata(metadata));
  }
}
