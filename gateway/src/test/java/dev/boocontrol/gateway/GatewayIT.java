package dev.boocontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import dev.boocontrol.platform.testing.SimHostResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway against two simulated llama-swap hosts, the real PostgreSQL (registry, policies) and
 * the real broker (liveness): real and virtual models routed, failover before the first byte,
 * streaming passed through, the request id reaching the host, OpenAI-shaped refusals.
 */
@QuarkusTest
@QuarkusTestResource(value = SimHostResource.class, restrictToAnnotatedClass = true)
class GatewayIT {

  @ConfigProperty(name = "it.sim.host-id", defaultValue = "none")
  String hostA;

  @ConfigProperty(name = "it.sim.port", defaultValue = "0")
  int portA;

  @ConfigProperty(name = "it.sim.b.host-id", defaultValue = "none")
  String hostB;

  @ConfigProperty(name = "it.sim.b.port", defaultValue = "0")
  int portB;

  @ConfigProperty(name = "it.sim.control-port", defaultValue = "0")
  int control;

  @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
  int gatewayPort;

  @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:19192")
  String bootstrap;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Boo-Source", "gateway-it")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String sim(String method, int port, String path, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + control + "/sim/hosts/" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String chat(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
  }

  private static void await(
      java.util.function.Supplier<String> what, java.util.concurrent.Callable<Boolean> ok)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (ok.call()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what.get());
  }

  @BeforeEach
  void hostsConnected() throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, EventEnvelope> producer =
        new KafkaProducer<>(p, new StringSerializer(), new EnvelopeSerializer())) {
      for (String host : new String[] {hostA, hostB}) {
        producer
            .send(
                new ProducerRecord<>(
                    Topics.FLEET_LIVENESS,
                    host,
                    EventEnvelope.of(
                        FleetEvents.HOST_LIVENESS,
                        host,
                        Instant.now(),
                        new HostLiveness(host, LivenessState.CONNECTED, Instant.now(), "it"))))
            .get();
      }
    }
    sim("DELETE", portA, "/faults", "");
    sim("DELETE", portB, "/faults", "");
    String[] last = {""};
    await(
        () -> "both hosts routable (last answer: " + last[0] + ")",
        () -> {
          for (String model : new String[] {"m", "a"}) {
            HttpResponse<String> r = post("/v1/chat/completions", chat(model, false));
            if (r.statusCode() != 200) {
              last[0] = model + ": " + r.statusCode() + " " + r.body();
              return false;
            }
          }
          return true;
        });
  }

  @Test
  void modelsListVirtualThenRealModels() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/v1/models"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode data = Json.MAPPER.readTree(r.body()).path("data");
    java.util.List<String> ids = new java.util.ArrayList<>();
    data.forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids)
        .startsWith("auto", "auto:cheap", "auto:code", "auto:fast")
        .contains("a", "b", "m");
  }

  @Test
  void aRealModelGoesToTheHostThatServesItWithTheRequestId() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("m", false));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-BooControl-Host")).hasValue(hostB);
    assertThat(r.headers().firstValue("X-BooControl-Route").orElse(""))
        .startsWith("m -> " + hostB + "/m");
    String requestId = r.headers().firstValue("X-Boo-Request-Id").orElseThrow();
    assertThat(Json.MAPPER.readTree(r.body()).path("model").asText()).isEqualTo("m");
    long id =
        Json.MAPPER.readTree(sim("GET", portB, "/status", "")).path("last_activity_id").asLong();
    String capture =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + portB + "/api/captures/" + id))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(capture).contains(requestId).contains("gateway-it");
  }

  @Test
  void aVirtualModelFailsOverBeforeTheFirstByte() throws Exception {
    // Nothing is warm as far as the gateway knows (no connector here): ties go by host id, so
    // auto tries it-noperf-… (host B) first; B refuses once with 503 and A answers.
    assertThat(hostB).isLessThan(hostA);
    sim("POST", portB, "/faults/inference", "{\"status\":503,\"count\":1}");
    HttpResponse<String> r = post("/v1/chat/completions", chat("auto", false));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-BooControl-Host")).hasValue(hostA);
    assertThat(r.headers().firstValue("X-BooControl-Route").orElse(""))
        .startsWith("auto -> " + hostA + "/");
    assertThat(Json.MAPPER.readTree(r.body()).path("model").asText()).isIn("a", "b");

    // The dispatch log has the whole story: both attempts, the candidates, who asked.
    String id = r.headers().firstValue("X-Boo-Request-Id").orElseThrow();
    String[] row = new String[6];
    await(
        () -> "the dispatch row " + id,
        () -> {
          try (java.sql.Connection c =
                  dev.boocontrol.platform.testing.TestDatabase.connect(
                      dev.boocontrol.platform.testing.TestDatabase.database());
              java.sql.PreparedStatement q =
                  c.prepareStatement(
                      "SELECT policy, chosen_host, status, consumer, attempts::text, candidates::text"
                          + " FROM dispatch_log WHERE request_id = ?::uuid")) {
            q.setString(1, id);
            try (java.sql.ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return false;
              }
              for (int i = 0; i < 6; i++) {
                row[i] = rs.getString(i + 1);
              }
              return true;
            }
          }
        });
    assertThat(row[0]).isEqualTo("auto");
    assertThat(row[1]).isEqualTo(hostA);
    assertThat(row[2]).isEqualTo("200");
    assertThat(row[3]).isEqualTo("gateway-it");
    JsonNode attempts = Json.MAPPER.readTree(row[4]);
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("hostId").asText()).isEqualTo(hostB);
    assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("host error 503");
    assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("ok");
    assertThat(Json.MAPPER.readTree(row[5]).size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aStreamPassesThroughAsServerSentEvents() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("auto:cheap", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    assertThat(r.body()).contains("data: {").contains("data: [DONE]");
  }

  @Test
  void whenEveryCandidateFailsTheClientGetsAnOpenAiError() throws Exception {
    sim("POST", portA, "/faults/inference", "{\"status\":503,\"count\":-1}");
    sim("POST", portB, "/faults/inference", "{\"status\":503,\"count\":-1}");
    HttpResponse<String> r = post("/v1/chat/completions", chat("auto", false));
    JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
    // Three attempts at most, then the host's own answer goes back (nothing streamed before).
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("X-BooControl-Host")).isPresent();
    assertThat(error.isMissingNode()).isFalse();
  }

  @Test
  void badRequestsAreRefusedInTheOpenAiShape() throws Exception {
    JsonNode unknown =
        Json.MAPPER.readTree(post("/v1/chat/completions", chat("no-such-model", false)).body());
    assertThat(unknown.at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(unknown.at("/error/param").asText()).isEqualTo("model");
    HttpResponse<String> nope = post("/v1/chat/completions", chat("auto:nope", false));
    assertThat(nope.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(nope.body()).at("/error/message").asText())
        .contains("no virtual model auto:nope")
        .contains("auto:fast");
    HttpResponse<String> notJson = post("/v1/chat/completions", "{oops");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(notJson.body()).at("/error/code").asText())
        .isEqualTo("invalid_json");
    HttpResponse<String> noModel = post("/v1/chat/completions", "{\"messages\":[]}");
    assertThat(noModel.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(noModel.body()).at("/error/param").asText()).isEqualTo("model");
  }
}
