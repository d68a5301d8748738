package dev.boocontrol.fleetconnector.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes fleet events to their topic, keyed by host id so one host's events stay in order on one
 * partition. The returned Uni completes when the broker has acknowledged (acks=all).
 */
@ApplicationScoped
public class FleetPublisher {

  private final MutinyEmitter<EventEnvelope> emitter;

  // Bursts (a reconnect replays hundreds of rows) queue here rather than fail; the host's socket
  // is never paused either way (the client buffers and drops locally).
  FleetPublisher(
      @Channel("fleet-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
          MutinyEmitter<EventEnvelope> emitter) {
    this.emitter = emitter;
  }

  public <T> Uni<Void> publish(EventType<T> type, String hostId, Instant at, T payload) {
    EventEnvelope envelope = EventEnvelope.of(type, hostId, at, payload);
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(type.topic())
            .withKey(hostId)
            .build();
    return emitter.sendMessage(Message.of(envelope).addMetadata(metadata));
  }
}
