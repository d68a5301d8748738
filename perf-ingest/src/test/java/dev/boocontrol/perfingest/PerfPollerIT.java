package dev.boocontrol.perfingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.PerfSampled;
import dev.boocontrol.perfingest.service.PerfPoller;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.SimHostResource;
import dev.boocontrol.platform.testing.TestKafka;
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
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Eventually.await(what, Duration.ofSeconds(30), condition);
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
    List<PerfSampled> seen = new ArrayList<>();
    try (var consumer = TestKafka.consumer(bootstrap, "perf-it-" + hostWithoutPerf)) {
      consumer.subscribe(List.of(Topics.FLEET_PERF));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        collect(consumer, seen);
      }
      // a few more poll intervals: still one report, not one per poll
      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < until) {
        collect(consumer, seen);
      }
    }
    assertThat(seen).extracting(PerfSampled::status).containsExactly("disabled");
    assertThat(sql("SELECT count(*) FROM gpu_samples WHERE host_id = $1", hostWithoutPerf))
        .isZero();
  }

  private void collect(KafkaConsumer<String, byte[]> consumer, List<PerfSampled> seen) {
    for (var record : consumer.poll(Duration.ofMillis(300))) {
      if (hostWithoutPerf.equals(record.key())) {
        TestKafka.decode(record)
            .flatMap(e -> e.payload(FleetEvents.PERF_SAMPLED))
            .ifPresent(seen::add);
      }
    }
  }
}
