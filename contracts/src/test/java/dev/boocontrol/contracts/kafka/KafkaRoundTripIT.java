package dev.boocontrol.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.LivenessState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The envelope serde through the real Kafka broker that ./boocontrol test starts. */
class KafkaRoundTripIT {

  private static final String BOOTSTRAP =
      System.getenv().getOrDefault("BOO_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19192");

  @Test
  void oneHostsEventsArriveInOrderOnOnePartition() throws Exception {
    String topic = "contracts-it-" + Long.toHexString(System.nanoTime());
    Instant start = Instant.parse("2026-11-25T10:00:00Z");
    List<EventEnvelope> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String host = i % 2 == 0 ? "gpu-a" : "gpu-b";
      Instant at = start.plusSeconds(i);
      sent.add(
          EventEnvelope.of(
              FleetEvents.HOST_LIVENESS,
              host,
              at,
              new HostLiveness(host, LivenessState.values()[i % 3], at, "step " + i)));
    }

    Properties producerProps = new Properties();
    producerProps.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
    List<Integer> partitionsA = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new EnvelopeSerializer())) {
      for (EventEnvelope e : sent) {
        RecordMetadata meta = producer.send(new ProducerRecord<>(topic, e.key(), e)).get();
        if (e.key().equals("gpu-a")) {
          partitionsA.add(meta.partition());
        }
      }
    }
    assertThat(partitionsA)
        .as("keyed by host id: one partition per host")
        .containsOnly(partitionsA.get(0));

    Properties consumerProps = new Properties();
    consumerProps.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            BOOTSTRAP,
            ConsumerConfig.GROUP_ID_CONFIG,
            topic + "-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false"));
    List<EventEnvelope> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new EnvelopeDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, EventEnvelope> r : consumer.poll(Duration.ofMillis(500))) {
          assertThat(r.key()).isEqualTo(r.value().key());
          received.add(r.value());
        }
      }
    }

    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(received.stream().filter(e -> e.key().equals("gpu-a")).toList())
        .containsExactlyElementsOf(sent.stream().filter(e -> e.key().equals("gpu-a")).toList());
    assertThat(received.get(received.indexOf(sent.get(7))).payload(FleetEvents.HOST_LIVENESS))
        .get()
        .extracting(HostLiveness::reason)
        .isEqualTo("step 7");
  }
}
