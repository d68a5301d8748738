package dev.boocontrol.perfingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.PerfSampled;
import dev.boocontrol.contracts.kafka.EnvelopeDeserializer;
import dev.boocontrol.perfingest.service.PerfPoller;
import dev.boocontrol.platform.testing.SimHostResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The perf poller against real simulated hosts, the real broker and the real database. */
@QuarkusTest
@QuarkusTestResource(value = SimHostResource.class, restrictToAnnotatedClass = true)
class PerfPollerIT {

  @ConfigProperty(name = "it.sim.host-id", defaultValue = "none")
  String hostId;

  @ConfigProperty(name = "it.sim.b.host-id", defaultValue = "none")
  String hostWithoutPerf;

  @ConfigProperty(name = "it.sim.port", defaultValue = "0")
  int port;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;
  @Inject PerfPoller poller;

  private double sql(String query, String host) {
    var rows =
        pool.preparedQuery(query).execute(Tuple.of(host)).await().atMost(Duration.ofSeconds(5));
    Object v = rows.iterator().next().getValue(0);
    return v == null ? 0 : ((Number) v).doubleValue();
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  @Test
  void samplesLandInPostgresAndVramFollowsALoadedModel() throws Exception {
    await("the poller owns the host", () -> poller.polledHosts().contains(hostId));
    await(
        "GPU samples",
        () -> sql("SELECT count(*) FROM gpu_samples WHERE host_id = $1", hostId) > 0);
    await(
        "system samples",
        () -> sql("SELECT count(*) FROM system_samples WHERE host_id = $1", hostId) > 0);
    double idle = sql("SELECT max(mem_used_mb) FROM gpu_samples WHERE host_id = $1", hostId);

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"a\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    await(
        "VRAM of the loaded model in PostgreSQL",
        () ->
            sql("SELECT max(mem_used_mb) FROM gpu_samples WHERE host_id = $1", hostId)
                >= idle + 4096);
    assertThat(
            sql(
                "SELECT count(*) - count(DISTINCT sampled_at) FROM system_samples WHERE host_id = $1",
                hostId))
        .as("no sample stored twice")
        .isZero();
  }

  @Test
  void aHostWithPerformanceDisabledIsReportedOnceNotRetriedInALoop() throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "perf-it-" + hostWithoutPerf);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // topics may be created after we subscribe (fresh broker): notice them quickly
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    List<PerfSampled> seen = new ArrayList<>();
    // Bytes, decoded here: other tests put deliberate garbage on the fleet topics.
    EnvelopeDeserializer envelopes = new EnvelopeDeserializer();
    try (var consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.FLEET_PERF));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(300))) {
          if (hostWithoutPerf.equals(record.key()) && record.value() != null) {
            EventEnvelope e = envelopes.deserialize(record.topic(), record.value());
            e.payload(FleetEvents.PERF_SAMPLED).ifPresent(seen::add);
          }
        }
      }
      // a few more poll intervals: still one report, not one per poll
      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < until) {
        for (var record : consumer.poll(Duration.ofMillis(300))) {
          if (hostWithoutPerf.equals(record.key()) && record.value() != null) {
            envelopes
                .deserialize(record.topic(), record.value())
                .payload(FleetEvents.PERF_SAMPLED)
                .ifPresent(seen::add);
          }
        }
      }
    }
    assertThat(seen).extracting(PerfSampled::status).containsExactly("disabled");
    assertThat(sql("SELECT count(*) FROM gpu_samples WHERE host_id = $1", hostWithoutPerf))
        .isZero();
  }
}
