package dev.boocontrol.perfingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.CaptureEvents;
import dev.boocontrol.contracts.events.CaptureRecorded;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import dev.boocontrol.perfingest.service.CaptureVaultJob;
import dev.boocontrol.platform.testing.BootHostsResource;
import dev.boocontrol.platform.testing.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The capture vault through the real broker into the real database: a capture event lands once (a
 * replay changes nothing), and the trim job deletes by age and by the per-host cap (1000 bytes in
 * the test profile), oldest first.
 */
@QuarkusTest
@QuarkusTestResource(value = BootHostsResource.class, restrictToAnnotatedClass = true)
class CaptureVaultIT {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Inject Pool pool;
  @Inject CaptureVaultJob job;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private String host;

  @BeforeEach
  void registerHost() {
    host = "vault-" + UUID.randomUUID().toString().substring(0, 8);
    pool.preparedQuery(
            "INSERT INTO hosts (id, display_name, base_url, kind, enabled)"
                + " VALUES ($1, $1, 'http://h', 'llama-swap', false)")
        .execute(Tuple.of(host))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  private CaptureRecorded capture(long id, Instant finishedAt, String req, String resp) {
    return new CaptureRecorded(
        host,
        1,
        id,
        finishedAt,
        "/v1/chat/completions",
        Map.of("Authorization", "[redacted]", "X-Boo-Source", "bench"),
        Base64.getEncoder().encodeToString(req.getBytes(StandardCharsets.UTF_8)),
        Map.of("Content-Type", "text/event-stream"),
        resp == null
            ? null
            : Base64.getEncoder().encodeToString(resp.getBytes(StandardCharsets.UTF_8)),
        req.length() + (resp == null ? 0 : resp.length()));
  }

  private void send(CaptureRecorded c) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new EnvelopeSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  CaptureEvents.CAPTURE_RECORDED.topic(),
                  host,
                  EventEnvelope.of(CaptureEvents.CAPTURE_RECORDED, host, c.finishedAt(), c)))
          .get();
    }
  }

  private List<Row> rows(String sql) {
    List<Row> out = new ArrayList<>();
    pool.preparedQuery(sql)
        .execute(Tuple.of(host))
        .await()
        .atMost(Duration.ofSeconds(5))
        .forEach(out::add);
    return out;
  }

  private long count() {
    return rows("SELECT count(*) FROM capture_vault WHERE host_id = $1").get(0).getLong(0);
  }

  @Test
  void aCaptureEventLandsOnceWithItsBytesAndRedactedHeaders() throws Exception {
    String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n";
    CaptureRecorded c = capture(7, NOW, "{\"model\":\"m\",\"stream\":true}", stream);
    send(c);
    Eventually.await("the vaulted capture", Duration.ofSeconds(30), () -> count() == 1);
    send(c); // a replay
    send(capture(8, NOW, "{}", null)); // and one after it: once it lands, the replay was handled
    Eventually.await("the next capture", Duration.ofSeconds(30), () -> count() == 2);

    Row r =
        rows("SELECT req_path, req_headers->>'Authorization' AS auth, req_body, resp_body,"
                + " size_bytes, finished_at FROM capture_vault"
                + " WHERE host_id = $1 AND epoch = 1 AND activity_id = 7")
            .get(0);
    assertThat(r.getString("req_path")).isEqualTo("/v1/chat/completions");
    assertThat(r.getString("auth")).isEqualTo("[redacted]");
    assertThat(r.getBuffer("req_body").toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"m\",\"stream\":true}");
    assertThat(r.getBuffer("resp_body").toString(StandardCharsets.UTF_8)).isEqualTo(stream);
    assertThat(r.getLong("size_bytes")).isEqualTo(c.sizeBytes());
    assertThat(r.getOffsetDateTime("finished_at").toInstant()).isEqualTo(NOW);
    Row noBody =
        rows("SELECT resp_body FROM capture_vault WHERE host_id = $1 AND activity_id = 8").get(0);
    assertThat(noBody.getBuffer("resp_body")).isNull();
  }

  @Test
  void trimmingDeletesExpiredCapturesThenTheOldestBeyondTheHostsCap() {
    String kb = "x".repeat(400);
    insert(capture(1, NOW.minus(Duration.ofDays(8)), kb, null)); // past the 7-day retention
    insert(capture(2, NOW.minus(Duration.ofHours(3)), kb, null)); // beyond the 1000-byte cap
    insert(capture(3, NOW.minus(Duration.ofHours(2)), kb, null));
    insert(capture(4, NOW.minus(Duration.ofHours(1)), kb, null));

    CaptureVaultJob.Report report = job.run(NOW).await().atMost(Duration.ofSeconds(10));

    assertThat(report.ran()).isTrue();
    assertThat(report.expired()).isGreaterThanOrEqualTo(1);
    assertThat(report.overCap()).isGreaterThanOrEqualTo(1);
    assertThat(
            rows("SELECT activity_id FROM capture_vault WHERE host_id = $1 ORDER BY activity_id")
                .stream()
                .map(row -> row.getLong("activity_id")))
        .containsExactly(3L, 4L);
    // A second run finds nothing more to do for this host.
    job.run(NOW).await().atMost(Duration.ofSeconds(10));
    assertThat(count()).isEqualTo(2);
  }

  private void insert(CaptureRecorded c) {
    pool.preparedQuery(
            "INSERT INTO capture_vault (host_id, epoch, activity_id, finished_at, req_path,"
                + " req_body, size_bytes) VALUES ($1, 1, $2, $3, $4, $5, $6)")
        .execute(
            Tuple.of(
                host,
                c.activityId(),
                c.finishedAt().atOffset(ZoneOffset.UTC),
                c.reqPath(),
                io.vertx.core.buffer.Buffer.buffer(Base64.getDecoder().decode(c.reqBodyBase64())),
                c.sizeBytes()))
        .await()
        .atMost(Duration.ofSeconds(5));
  }
}
