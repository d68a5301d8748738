package dev.boocontrol.perfingest.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Parks an envelope the sink cannot write on {@code fleet.dead-letter}, keyed as it was, with the
 * reason and source topic in the same headers SmallRye's own dead-letter strategy uses.
 */
@Singleton
public class DeadLetters {

  private final MutinyEmitter<EventEnvelope> emitter;

  DeadLetters(@Channel("dead-letter-out") MutinyEmitter<EventEnvelope> emitter) {
    this.emitter = emitter;
  }

  public Uni<Void> park(String fromTopic, EventEnvelope envelope, String reason) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
    headers.add("dead-letter-topic", fromTopic.getBytes(StandardCharsets.UTF_8));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(Topics.FLEET_DEAD_LETTER)
            .withKey(envelope.key())
            .withHeaders(headers)
            .build();
    return emitter.sendMessage(Message.of(envelope).addMetadata(metadata));
  }
}
