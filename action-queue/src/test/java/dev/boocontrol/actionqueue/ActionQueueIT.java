package dev.boocontrol.actionqueue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.JobEvents;
import dev.boocontrol.contracts.events.JobUpdated;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.TestDatabase;
import dev.boocontrol.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * action-queue against real simulated hosts, the real PostgreSQL and the real Kafka broker: each
 * scenario has a host of its own ({@link ActionHostsResource}); job events are read back from
 * control.jobs with a real consumer, and liveness and foreign activity are published to the fleet
 * topics as a connector would.
 */
@QuarkusTest
@QuarkusTestResource(value = ActionHostsResource.class, restrictToAnnotatedClass = true)
class ActionQueueIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<JobUpdated> JOBS = new CopyOnWriteArrayList<>();
  private static Thread reader;
  private static volatile boolean reading = true;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void readControlJobs() {
    if (reader != null) {
      return;
    }
    String servers = bootstrap;
    reader =
        new Thread(
            () -> {
              try (var consumer = TestKafka.consumer(servers, "aq-it-" + UUID.randomUUID())) {
                consumer.subscribe(List.of(Topics.CONTROL_JOBS));
                while (reading) {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(
                          r ->
                              TestKafka.decode(r)
                                  .flatMap(e -> e.payload(JobEvents.JOB_UPDATED))
                                  .ifPresent(JOBS::add));
                }
              }
            },
            "control-jobs-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @AfterAll
  static void stopReading() {
    reading = false;
  }

  @Test
  void warmLoadsTheModelAndReportsQueuedRunningSucceededThenUnloadAllStopsEverything()
      throws Exception {
    String host = host("warm");
    Response queued = submit(host, "warm", "a", false);
    assertThat(queued.statusCode()).isEqualTo(202);
    String id = queued.path("id");
    assertThat(queued.<String>path("state")).isEqualTo("queued");
    assertThat(queued.<Integer>path("position")).isEqualTo(1);

    await("the model starting on the host", () -> modelState("warm", "a").equals("starting"));
    await("the model ready on the host", () -> modelState("warm", "a").equals("ready"));
    JsonNode done = awaitFinal(id);
    assertThat(done.path("state").asText()).isEqualTo("succeeded");
    assertThat(done.path("requestedBy").asText()).isEqualTo("admin");
    assertThat(done.path("durationMs").asLong()).isNotNegative();
    await("the job events", () -> states(id).contains("succeeded"));
    assertThat(states(id)).containsExactly("queued", "running", "succeeded");
    assertThat(jobs(id).get(0).position()).isEqualTo(1);
    assertThat(jobs(id).get(2).finishedAt()).isNotNull();
    // the warm is a 1-token completion sent as action-queue's own, so the connector attributes it
    JsonNode row = simGet("warm", "/api/metrics/activity?model=a").path("data").get(0);
    assertThat(row.path("req_path").asText()).isEqualTo("/v1/chat/completions");
    JsonNode capture = simGet("warm", "/api/captures/" + row.path("id").asLong());
    assertThat(capture.path("req_headers").path("X-Boo-Source").asText())
        .isEqualTo("boocontrol/action-queue");
    String sent =
        new String(
            java.util.Base64.getDecoder().decode(capture.path("req_body").asText()),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(read(sent).path("max_tokens").asInt()).isEqualTo(1);

    // warming what is ready already is skipped at dequeue, with the reason
    JsonNode again = awaitFinal(submit(host, "warm", "a", false).path("id"));
    assertThat(again.path("state").asText()).isEqualTo("skipped");
    assertThat(again.path("reason").asText()).contains("already ready");

    String all = submit(host, "unload_all", null, false).path("id");
    assertThat(awaitFinal(all).path("state").asText()).isEqualTo("succeeded");
    assertThat(runningModels("warm")).isEmpty();
    // and with nothing running, another unload all has nothing to do
    JsonNode nothing = awaitFinal(submit(host, "unload_all", null, false).path("id"));
    assertThat(nothing.path("state").asText()).isEqualTo("skipped");
    assertThat(nothing.path("reason").asText()).isEqualTo("nothing is running");

    JsonNode listing = listing(host);
    assertThat(listing.path("finished")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(listing.path("finished").get(0).path("id").asText())
        .isEqualTo(nothing.path("id").asText());
  }

  @Test
  void actionsOnOneHostRunOneAtATimeInSubmissionOrder() throws Exception {
    String host = host("order");
    List<String> ids = new ArrayList<>();
    ids.add(submit(host, "warm", "a", false).path("id"));
    ids.add(submit(host, "warm", "b", false).path("id"));
    ids.add(submit(host, "unload_all", null, false).path("id"));
    for (String id : ids) {
      assertThat(awaitFinal(id).path("state").asText()).as(id).isEqualTo("succeeded");
    }
    List<Instant[]> spans = new ArrayList<>();
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id::text, started_at, finished_at, state FROM control_actions"
                    + " WHERE host_id = ? ORDER BY started_at")) {
      s.setString(1, host);
      try (ResultSet rs = s.executeQuery()) {
        List<String> startOrder = new ArrayList<>();
        while (rs.next()) {
          startOrder.add(rs.getString(1));
          spans.add(
              new Instant[] {
                rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                rs.getObject(3, java.time.OffsetDateTime.class).toInstant()
              });
        }
        assertThat(startOrder).containsExactlyElementsOf(ids);
      }
    }
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i)[0])
          .as("action %d starts after %d ended", i, i - 1)
          .isAfterOrEqualTo(spans.get(i - 1)[1]);
    }
    assertThat(runningModels("order")).isEmpty();
  }

  @Test
  void theFifthWaitingActionIsRefusedWith429AndAQueuedOneCanBeCancelled() throws Exception {
    String host = host("full");
    Response slow = submit(host, "warm", "slow", false);
    assertThat(slow.statusCode()).isEqualTo(202);
    List<String> waiting = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Response r = submit(host, "warm", i % 2 == 0 ? "a" : "b", false);
      assertThat(r.statusCode()).as("waiting action %d", i + 1).isEqualTo(202);
      assertThat(r.<Integer>path("position")).isEqualTo(i + 1);
      waiting.add(r.path("id"));
    }
    Response full = submit(host, "warm", "a", false);
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(full.<String>path("error")).contains("full");

    JsonNode listing = listing(host);
    assertThat(listing.path("running").path("id").asText()).isEqualTo(slow.<String>path("id"));
    assertThat(listing.path("queued")).hasSize(4);
    assertThat(listing.path("queued").get(3).path("position").asInt()).isEqualTo(4);

    String last = waiting.get(3);
    Response cancelled = given().delete("/api/actions/" + last + "?requestedBy=admin");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.<String>path("state")).isEqualTo("cancelled");
    assertThat(given().delete("/api/actions/" + last).statusCode()).isEqualTo(409);
    assertThat(given().delete("/api/actions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    await("the cancel event", () -> states(last).contains("cancelled"));
    // room again: one more may wait
    assertThat(submit(host, "unload_all", null, false).statusCode()).isEqualTo(202);
  }

  @Test
  void anActionThatWaitedLongerThanStaleAfterIsSkippedWithItsReason() throws Exception {
    String host = host("stale");
    String slow = submit(host, "warm", "slow", false).path("id");
    String behind = submit(host, "unload_all", null, false).path("id");
    JsonNode skipped = awaitFinal(behind);
    assertThat(skipped.path("state").asText()).isEqualTo("skipped");
    assertThat(skipped.path("reason").asText()).contains("stale");
    assertThat(skipped.path("startedAt").isNull()).isTrue();
    assertThat(awaitFinal(slow).path("state").asText()).isEqualTo("succeeded");
    await("the skip event", () -> states(behind).contains("skipped"));
    assertThat(states(behind)).containsExactly("queued", "skipped");
    assertThat(jobs(behind).get(1).message()).contains("stale");
    assertThat(modelState("stale", "slow")).isEqualTo("ready");
  }

  @Test
  void anActionOnADownHostIsRefusedWithTheConnectorsReason() throws Exception {
    String host = host("down");
    publish(
        FleetEvents.HOST_LIVENESS,
        host,
        new HostLiveness(host, LivenessState.DOWN, Instant.now(), "3 health probes failed"));
    await(
        "the host known as down",
        () -> "DOWN".equals(access(host).path("liveness").path("state").asText()));
    Response r = submit(host, "warm", "a", false);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.<String>path("error")).contains("down", "3 health probes failed");
    assertThat(runningModels("down")).isEmpty();

    publish(
        FleetEvents.HOST_LIVENESS,
        host,
        new HostLiveness(host, LivenessState.CONNECTED, Instant.now(), "connected"));
    await(
        "the host back",
        () -> "CONNECTED".equals(access(host).path("liveness").path("state").asText()));
    assertThat(submit(host, "warm", "a", false).statusCode()).isEqualTo(202);
  }

  @Test
  void foreignTrafficNeedsATakeoverAndAConfirmedOneProceeds() throws Exception {
    String host = host("takeover");
    assertThat(awaitFinal(submit(host, "warm", "a", false).path("id")).path("state").asText())
        .isEqualTo("succeeded");
    publish(
        FleetEvents.ACTIVITY_RECORDED,
        host,
        new ActivityRecorded(
            host,
            1,
            null,
            1,
            Instant.now(),
            "a",
            "/v1/chat/completions",
            "application/json",
            200,
            10,
            5,
            0,
            -1,
            -1,
            100,
            50,
            120,
            true,
            null,
            Map.of(),
            "open-webui",
            "capture"));
    await("the foreign request seen", () -> !access(host).path("free").asBoolean(true));

    Response refused = submit(host, "unload", "a", false);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.<String>path("error")).isEqualTo("takeover needed");
    assertThat(refused.<List<String>>path("running.source")).containsExactly("open-webui");
    assertThat(refused.<List<Object>>path("heldBy")).isEmpty();
    assertThat(modelState("takeover", "a")).isEqualTo("ready");

    Response taken = submit(host, "unload", "a", true);
    assertThat(taken.statusCode()).isEqualTo(202);
    assertThat(taken.<Boolean>path("takeoverConfirmed")).isTrue();
    JsonNode done = awaitFinal(taken.path("id"));
    assertThat(done.path("state").asText()).isEqualTo("succeeded");
    assertThat(done.path("reason").asText()).contains("takeover confirmed");
    assertThat(runningModels("takeover")).isEmpty();
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT takeover_confirmed, requested_by FROM control_actions WHERE id = ?::uuid")) {
      s.setString(1, taken.path("id"));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isTrue();
        assertThat(rs.getString(2)).isEqualTo("admin");
      }
    }
  }

  @Test
  void anotherHoldersHoldNeedsATakeoverAndAnExpiredOneDoesNot() throws Exception {
    String host = host("held");
    hold(host, "bench-it", "speed bench", "now() + interval '10 minutes'");
    Response refused = submit(host, "warm", "a", false);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.<String>path("error")).isEqualTo("takeover needed");
    assertThat(refused.<List<String>>path("heldBy.holder")).containsExactly("bench-it");
    assertThat(refused.<String>path("message")).contains("held by bench-it for speed bench");
    assertThat(refused.<List<Object>>path("running")).isEmpty();

    hold(host, "bench-it", "speed bench", "now() - interval '1 second'");
    JsonNode warmed = awaitFinal(submit(host, "warm", "a", false).path("id"));
    assertThat(warmed.path("state").asText()).isEqualTo("succeeded");
    assertThat(modelState("held", "a")).isEqualTo("ready");
  }

  @Test
  void aFailureOnTheHostIsExplainedInPlainWords() throws Exception {
    String host = host("warm");
    JsonNode failed = awaitFinal(submit(host, "warm", "no-such-model", false).path("id"));
    assertThat(failed.path("state").asText()).isEqualTo("failed");
    assertThat(failed.path("reason").asText())
        .startsWith("warming no-such-model failed: the host answered 4");
    assertThat(failed.path("startedAt").isNull()).isFalse();
    assertThat(failed.path("durationMs").asLong()).isNotNegative();
    String id = failed.path("id").asText();
    await("the failure event", () -> states(id).contains("failed"));
    assertThat(jobs(id).get(jobs(id).size() - 1).message())
        .isEqualTo(failed.path("reason").asText());
  }

  @Test
  void badRequestsNameTheFieldAndUnknownHostsAre404() {
    String host = host("warm");
    Response kind =
        given()
            .contentType(ContentType.JSON)
            .body("{\"kind\":\"reboot\",\"requestedBy\":\"admin\"}")
            .post("/api/hosts/" + host + "/actions");
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(kind.<String>path("field")).isEqualTo("kind");
    Response model =
        given()
            .contentType(ContentType.JSON)
            .body("{\"kind\":\"unload\",\"requestedBy\":\"admin\"}")
            .post("/api/hosts/" + host + "/actions");
    assertThat(model.statusCode()).isEqualTo(400);
    assertThat(model.<String>path("field")).isEqualTo("model");
    Response notJson =
        given().contentType(ContentType.JSON).body("{").post("/api/hosts/" + host + "/actions");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(submit("no-such-host", "warm", "a", false).statusCode()).isEqualTo(404);
    assertThat(given().get("/api/actions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(given().get("/api/hosts/no-such-host/actions").statusCode()).isEqualTo(404);
    String metrics = given().get("/q/metrics").asString();
    assertThat(metrics).contains("boocontrol_action_queue_rejected_total{reason=\"bad_request\"");
  }

  // ------------------------------------------------------------------ helpers

  private static String host(String role) {
    return ConfigProvider.getConfig().getValue("it.aq." + role + ".id", String.class);
  }

  private static int port(String role) {
    return ConfigProvider.getConfig().getValue("it.aq." + role + ".port", Integer.class);
  }

  private static void hold(String host, String holder, String purpose, String expiresAt)
      throws Exception {
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO host_access_holds (host_id, holder, purpose, expires_at)"
                    + " VALUES (?, ?, ?, "
                    + expiresAt
                    + ") ON CONFLICT (host_id, holder) DO UPDATE SET expires_at = EXCLUDED.expires_at")) {
      s.setString(1, host);
      s.setString(2, holder);
      s.setString(3, purpose);
      s.executeUpdate();
    }
  }

  private static Response submit(String host, String kind, String model, boolean takeover) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("kind", kind);
    body.put("requestedBy", "admin");
    body.put("confirmTakeover", takeover);
    if (model != null) {
      body.put("model", model);
    }
    return given().contentType(ContentType.JSON).body(body).post("/api/hosts/" + host + "/actions");
  }

  private static JsonNode awaitFinal(String id) throws InterruptedException {
    JsonNode[] last = new JsonNode[1];
    await(
        "action " + id + " finished",
        () -> {
          last[0] = read(given().get("/api/actions/" + id).asString());
          String state = last[0].path("state").asText();
          return !state.equals("queued") && !state.equals("running") && !state.isEmpty();
        });
    return last[0];
  }

  private static JsonNode listing(String host) {
    return read(given().get("/api/hosts/" + host + "/actions").asString());
  }

  private static JsonNode access(String host) {
    return read(given().get("/api/hosts/" + host + "/access").asString());
  }

  private List<String> runningModels(String role) throws Exception {
    List<String> out = new ArrayList<>();
    simRunning(role).path("running").forEach(m -> out.add(m.path("model").asText()));
    return out;
  }

  private String modelState(String role, String model) {
    try {
      for (JsonNode m : simRunning(role).path("running")) {
        if (m.path("model").asText().equals(model)) {
          return m.path("state").asText();
        }
      }
      return "stopped";
    } catch (Exception e) {
      return "unreachable";
    }
  }

  private JsonNode simRunning(String role) throws Exception {
    return simGet(role, "/running");
  }

  private JsonNode simGet(String role, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(role) + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return read(r.body());
  }

  private static List<JobUpdated> jobs(String id) {
    return JOBS.stream().filter(j -> j.jobId().equals(id)).toList();
  }

  private static List<String> states(String id) {
    return jobs(id).stream().map(JobUpdated::state).toList();
  }

  private <T> void publish(EventType<T> type, String key, T payload) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, EventEnvelope> producer =
        new KafkaProducer<>(p, new StringSerializer(), new EnvelopeSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  type.topic(), key, EventEnvelope.of(type, key, Instant.now(), payload)))
          .get();
    }
  }

  private static JsonNode read(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Eventually.await(what, WAIT, condition);
  }
}
