package dev.boocontrol.platform.testing;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.kafka.EnvelopeDeserializer;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** How tests read the fleet topics of the real test broker. */
public final class TestKafka {

  private TestKafka() {}

  /**
   * A consumer of raw records from the start of its topics. Values stay bytes so that deliberate
   * garbage from other tests is skipped by {@link #decode} instead of killing the poll loop.
   */
  public static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // On a fresh broker the topics may be created after we subscribe: notice them quickly.
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** The record's envelope, or empty for a tombstone or a record that is not an envelope. */
  public static Optional<EventEnvelope> decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new EnvelopeDeserializer().deserialize(record.topic(), record.value()));
    } catch (SerializationException e) {
      return Optional.empty();
    }
  }
}
