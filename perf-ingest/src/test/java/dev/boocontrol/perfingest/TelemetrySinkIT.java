package dev.boocontrol.perfingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.GapSuspected;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import dev.boocontrol.platform.testing.BootHostsResource;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink through the real broker into the real database: idempotent, at-least-once, tolerant. */
@QuarkusTest
@QuarkusTestResource(value = BootHostsResource.class, restrictToAnnotatedClass = true)
class TelemetrySinkIT {

  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Inject Pool pool;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private String host;

  @BeforeEach
  void registerHost() {
    host = "sink-" + UUID.randomUUID().toString().substring(0, 8);
    pool.preparedQuery(
            "INSERT INTO hosts (id, display_name, base_url, kind, enabled)"
                + " VALUES ($1, $1, 'http://h', 'llama-swap', false)")
        .execute(Tuple.of(host))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  private ActivityRecorded row(long id) {
    return new ActivityRecorded(
        host,
        1,
        AT,
        id,
        AT,
        "qwen3-30b",
        "/v1/chat/completions",
        "text/event-stream",
        200,
        412,
        12,
        1024,
        -1,
        -1,
        1058.54,
        44.7,
        16646,
        true,
        null,
        Map.of("fifo_priority", "0"),
        "open-webui",
        "capture");
  }

  private <T> void send(EventType<T> type, String key, T payload) throws Exception {
    try (var producer = producer(new EnvelopeSerializer())) {
      producer
          .send(new ProducerRecord<>(type.topic(), key, EventEnvelope.of(type, key, AT, payload)))
          .get();
    }
  }

  private <V> KafkaProducer<String, V> producer(
      org.apache.kafka.common.serialization.Serializer<V> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new StringSerializer(), values);
  }

  private long count(String sql) {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(sql)
        .execute(Tuple.of(host))
        .await()
        .atMost(Duration.ofSeconds(5))
        .forEach(rows::add);
    return rows.get(0).getLong(0);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Eventually.await(what, Duration.ofSeconds(30), condition);
  }

  @Test
  void activityIsWrittenOnceHoweverOftenItIsReplayed() throws Exception {
    send(FleetEvents.EPOCH_STARTED, host, new EpochStarted(host, 1, AT, "first connection"));
    for (int replay = 0; replay < 3; replay++) {
      for (long id = 1; id <= 5; id++) {
        send(FleetEvents.ACTIVITY_RECORDED, host, row(id));
      }
    }
    await(
        "five rows", () -> count("SELECT count(*) FROM request_activity WHERE host_id = $1") == 5);
    Thread.sleep(1000); // let the replays land too
    assertThat(count("SELECT count(*) FROM request_activity WHERE host_id = $1")).isEqualTo(5);
    assertThat(count("SELECT count(*) FROM host_epochs WHERE host_id = $1")).isEqualTo(1);
    Row r =
        pool.preparedQuery("SELECT * FROM request_activity WHERE host_id = $1 AND activity_id = 3")
            .execute(Tuple.of(host))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next();
    assertThat(r.getString("source")).isEqualTo("open-webui");
    assertThat(r.getString("source_attribution")).isEqualTo("capture");
    assertThat(r.getInteger("input_tokens")).isEqualTo(412);
    assertThat(r.getInteger("cache_tokens")).isEqualTo(1024);
    assertThat(r.getInteger("draft_tokens")).isEqualTo(-1);
    assertThat(r.getLong("duration_ms")).isEqualTo(16646);
    assertThat(r.getJsonObject("metadata").getString("fifo_priority")).isEqualTo("0");
  }

  @Test
  void modelTransitionsAndGapsAreStored() throws Exception {
    send(
        FleetEvents.MODEL_TRANSITION,
        host,
        new ModelTransition(host, "qwen3-30b", "stopped", "starting", AT, true));
    send(
        FleetEvents.MODEL_TRANSITION,
        host,
        new ModelTransition(host, "qwen3-30b", "stopped", "starting", AT, true));
    send(FleetEvents.GAP_SUSPECTED, host, new GapSuspected(host, 1, 6, 9, "pruned", AT));
    await(
        "the transition", () -> count("SELECT count(*) FROM model_events WHERE host_id = $1") == 1);
    await(
        "the gap",
        () ->
            count(
                    "SELECT count(*) FROM activity_gaps WHERE host_id = $1 AND from_id = 6 AND to_id = 9")
                == 1);
  }

  @Test
  void garbageIsSkippedAndTheStreamGoesOn() throws Exception {
    try (var raw = producer(new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  Topics.FLEET_ACTIVITY, host, "{not an envelope".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    send(FleetEvents.ACTIVITY_RECORDED, host, row(1));
    await(
        "the next valid row",
        () -> count("SELECT count(*) FROM request_activity WHERE host_id = $1") == 1);
  }

  @Test
  void aRowThatCannotBeWrittenGoesToTheDeadLetterTopicWithItsReason() throws Exception {
    String unknown = "not-registered-" + UUID.randomUUID().toString().substring(0, 8);
    ActivityRecorded orphan =
        new ActivityRecorded(
            unknown,
            1,
            AT,
            1,
            AT,
            "m",
            "/v1/chat/completions",
            "",
            200,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            1,
            false,
            null,
            Map.of(),
            "direct",
            "none");
    send(FleetEvents.ACTIVITY_RECORDED, unknown, orphan);
    send(FleetEvents.ACTIVITY_RECORDED, host, row(7));

    String reason = null;
    try (var consumer = TestKafka.consumer(bootstrap, "dlq-check-" + unknown)) {
      consumer.subscribe(List.of(Topics.FLEET_DEAD_LETTER));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (reason == null && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(300))) {
          if (unknown.equals(record.key())) {
            var header = record.headers().lastHeader("dead-letter-reason");
            reason = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
          }
        }
      }
    }
    assertThat(reason)
        .as("dead-letter record for the orphan row")
        .isNotNull()
        .contains("foreign key");
    await(
        "the consumer kept going",
        () -> count("SELECT count(*) FROM request_activity WHERE host_id = $1") == 1);
  }
}
