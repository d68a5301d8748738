package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.JobEvents;
import dev.boocontrol.contracts.events.JobUpdated;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.LogLines;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket protocol against the real broker: a snapshot on join, then per-host deltas whose
 * seq grows by exactly one, a fresh snapshot on request and on reconnect, and no socket without a
 * logged-in operator.
 */
@QuarkusTest
class ControlSocketIT {

  @TestHTTPResource("/api/ws/control")
  URI socketUri;

  @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:19192")
  String bootstrap;

  private final List<WebSocket> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(ws -> ws.abort());
  }

  @Test
  void snapshotThenDeltasWithSeqGrowingByOnePerHost() throws Exception {
    String token = Operator.login();
    Frames frames = connect(token);
    assertThat(frames.next().path("type").asText()).isEqualTo("snapshot");

    String host = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.now();
    try (KafkaProducer<String, EventEnvelope> producer = producer()) {
      awaitReading(producer, frames, host);

      send(producer, FleetEvents.HOST_LIVENESS, host, liveness(host, t));
      send(
          producer,
          FleetEvents.MODEL_TRANSITION,
          host,
          new ModelTransition(host, "qwen", "stopped", "ready", t, true));
      send(producer, FleetEvents.ACTIVITY_RECORDED, host, activity(host, t));
    }

    List<JsonNode> deltas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode f = frames.poll(15_000, x -> host.equals(x.path("host").asText()));
      assertThat(f).as("delta %d for %s", i + 1, host).isNotNull();
      deltas.add(f);
    }
    assertThat(deltas).extracting(d -> d.path("seq").asLong()).containsExactly(1L, 2L, 3L);
    assertThat(deltas)
        .extracting(d -> d.path("type").asText())
        .containsExactly("control_fleet", "control_fleet", "control_activity");
    assertThat(deltas.get(1).path("data").path("toState").asText()).isEqualTo("ready");

    // Asked for it (a client that saw a gap), the client gets a snapshot that holds seq 3.
    frames.socket.sendText("{\"type\":\"resync\"}", true).get(5, TimeUnit.SECONDS);
    JsonNode again = frames.poll(10_000, f -> f.path("type").asText().equals("snapshot"));
    assertThat(hostIn(again, host).path("seq").asLong()).isEqualTo(3);

    // A new connection starts from a snapshot with the whole state.
    Frames second = connect(token);
    JsonNode snapshot = second.next();
    assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
    JsonNode view = hostIn(snapshot, host);
    assertThat(view.path("seq").asLong()).isEqualTo(3);
    assertThat(view.path("liveness").asText()).isEqualTo("CONNECTED");
    assertThat(view.path("models").get(0).path("state").asText()).isEqualTo("ready");

    given()
        .cookie("boo_session", token)
        .get("/api/hosts/" + host)
        .then()
        .statusCode(200)
        .body("liveness", equalTo("CONNECTED"))
        .body("seq", equalTo(3));
    given()
        .cookie("boo_session", token)
        .get("/api/hosts/no-such-host")
        .then()
        .statusCode(404)
        .body("field", equalTo("id"));
  }

  @Test
  void hostInfoGivesTheCardItsVersionAndTheModelItsTtlAndActivityItsLastUse() throws Exception {
    String token = Operator.login();
    Frames frames = connect(token);
    assertThat(frames.next().path("type").asText()).isEqualTo("snapshot");

    String host = "ttl-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.parse("2026-08-22T16:30:14.250Z");
    try (KafkaProducer<String, EventEnvelope> producer = producer()) {
      awaitReading(producer, frames, host);
      send(
          producer,
          FleetEvents.MODEL_TRANSITION,
          host,
          new ModelTransition(host, "qwen", "starting", "ready", t, false));
      send(
          producer,
          FleetEvents.HOST_INFO,
          host,
          new HostInfo(
              host, "v250-5-g0bdb37", "0bdb37", List.of(new HostInfo.ModelTtl("qwen", 300)), t));
      send(producer, FleetEvents.ACTIVITY_RECORDED, host, activity(host, t.plusSeconds(2)));
    }

    List<JsonNode> deltas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode f = frames.poll(15_000, x -> host.equals(x.path("host").asText()));
      assertThat(f).as("delta %d for %s", i + 1, host).isNotNull();
      deltas.add(f);
    }
    assertThat(deltas).extracting(d -> d.path("seq").asLong()).containsExactly(1L, 2L, 3L);
    JsonNode info = deltas.get(1);
    assertThat(info.path("type").asText()).isEqualTo("control_fleet");
    assertThat(info.path("event").asText()).isEqualTo("host.info");
    assertThat(info.path("data").path("version").asText()).isEqualTo("v250-5-g0bdb37");
    assertThat(info.path("data").path("models").get(0).path("ttlSeconds").asInt()).isEqualTo(300);

    JsonNode view = hostIn(connect(token).next(), host);
    assertThat(view.path("seq").asLong()).isEqualTo(3);
    assertThat(view.path("version").asText()).isEqualTo("v250-5-g0bdb37");
    JsonNode model = view.path("models").get(0);
    assertThat(model.path("modelId").asText()).isEqualTo("qwen");
    assertThat(model.path("ttlSeconds").asInt()).isEqualTo(300);
    assertThat(model.path("lastUsedAt").asText()).isEqualTo("2026-08-22T16:30:16.250Z");
    given()
        .cookie("boo_session", token)
        .get("/api/hosts/" + host)
        .then()
        .statusCode(200)
        .body("version", equalTo("v250-5-g0bdb37"))
        .body("models[0].ttlSeconds", equalTo(300));
  }

  @Test
  void aClientThatStopsReadingIsToldToResyncThenGetsASnapshot() throws Exception {
    String token = Operator.login();
    Frames slow = connect(token);
    assertThat(slow.next().path("type").asText()).isEqualTo("snapshot");
    String host = "slow-" + UUID.randomUUID().toString().substring(0, 8);
    String line = "x".repeat(32 * 1024);
    int sent = 400; // about 13 MB of frames: more than loopback buffers and the queue hold
    try (KafkaProducer<String, EventEnvelope> producer = producer()) {
      awaitReading(producer, slow, host);
      slow.paused = true; // stop reading: the socket's buffers fill, then its queue (32 frames)
      for (int i = 0; i < sent; i++) {
        send(
            producer,
            FleetEvents.LOG_LINES,
            host,
            new dev.boocontrol.contracts.events.LogLines(host, "proxy", i + " " + line, false));
      }
    }
    Thread.sleep(3000); // the cockpit has read them all and queued what it could
    slow.resume();

    JsonNode resync = slow.poll(30_000, f -> f.path("type").asText().equals("resync"));
    assertThat(resync).as("a resync frame").isNotNull();
    assertThat(resync.path("reason").asText()).contains("behind");
    JsonNode snapshot = slow.poll(10_000, f -> f.path("type").asText().equals("snapshot"));
    assertThat(snapshot).as("a fresh snapshot after the resync").isNotNull();
    assertThat(hostIn(snapshot, host).path("seq").asLong())
        .as("the snapshot is as new as the frames dropped")
        .isGreaterThan(1);
  }

  @Test
  void aLateJoinerReadsTheLogTailThenLiveLinesInOrder() throws Exception {
    String token = Operator.login();
    Frames early = connect(token);
    assertThat(early.next().path("type").asText()).isEqualTo("snapshot");
    String host = "logs-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaProducer<String, EventEnvelope> producer = producer()) {
      awaitReading(producer, early, host);
      send(producer, FleetEvents.HOST_LIVENESS, host, liveness(host, Instant.now()));
      // Writes are not line-aligned: the second line ends in the next write.
      send(
          producer, FleetEvents.LOG_LINES, host, log(host, "proxy", "[INFO] one\n[INFO] tw", true));
      send(producer, FleetEvents.LOG_LINES, host, log(host, "proxy", "o\n", false));
      send(
          producer,
          FleetEvents.LOG_LINES,
          host,
          log(host, "upstream", "\u001b[32mload\u001b[0m\n", false));
      send(
          producer,
          FleetEvents.LOG_LINES,
          host,
          log(host, "proxy", "— 512 bytes dropped —\n", false));
      // A replayed ring after a reconnect repeats what the tail holds: no new lines.
      send(producer, FleetEvents.LOG_LINES, host, log(host, "proxy", "[INFO] one\n", true));
      JsonNode last = null;
      for (int i = 0; i < 6; i++) {
        last = early.poll(15_000, f -> host.equals(f.path("host").asText()));
        assertThat(last).as("delta %d of %s", i + 1, host).isNotNull();
      }
      assertThat(last.path("type").asText()).isEqualTo("control_log");
      assertThat(last.path("data").path("lines").size()).isZero();

      // The late joiner: tail first, at the seq it was read at.
      JsonNode tail =
          Json.MAPPER.readTree(
              given()
                  .cookie("boo_session", token)
                  .get("/api/hosts/" + host + "/logs")
                  .then()
                  .statusCode(200)
                  .extract()
                  .asString());
      assertThat(tail.path("seq").asLong()).isEqualTo(6);
      List<String> texts = new ArrayList<>();
      List<Long> numbers = new ArrayList<>();
      tail.path("lines")
          .forEach(
              l -> {
                texts.add(l.path("source").asText() + ":" + l.path("text").asText());
                numbers.add(l.path("n").asLong());
              });
      assertThat(texts)
          .containsExactly(
              "proxy:[INFO] one",
              "proxy:[INFO] two",
              "upstream:\u001b[32mload\u001b[0m",
              "proxy:— 512 bytes dropped —");
      assertThat(numbers).containsExactly(1L, 2L, 3L, 4L);
      assertThat(tail.path("lines").get(3).path("dropped").asLong()).isEqualTo(512);
      assertThat(tail.path("lines").get(0).path("dropped").isNull()).isTrue();
      given()
          .cookie("boo_session", token)
          .queryParam("source", "upstream")
          .queryParam("limit", "1")
          .get("/api/hosts/" + host + "/logs")
          .then()
          .statusCode(200)
          .body("lines.size()", equalTo(1))
          .body("lines[0].n", equalTo(3));

      // Then live lines, numbered on from the tail, in the order written.
      Frames late = connect(token);
      assertThat(late.next().path("type").asText()).isEqualTo("snapshot");
      for (int i = 1; i <= 3; i++) {
        send(producer, FleetEvents.LOG_LINES, host, log(host, "proxy", "live " + i + "\n", false));
      }
      List<String> live = new ArrayList<>();
      List<Long> liveNumbers = new ArrayList<>();
      while (live.size() < 3) {
        JsonNode f = late.poll(15_000, x -> host.equals(x.path("host").asText()));
        assertThat(f).as("live log frame %d", live.size() + 1).isNotNull();
        f.path("data")
            .path("lines")
            .forEach(
                l -> {
                  live.add(l.path("text").asText());
                  liveNumbers.add(l.path("n").asLong());
                });
      }
      assertThat(live).containsExactly("live 1", "live 2", "live 3");
      assertThat(liveNumbers).containsExactly(5L, 6L, 7L);
    }
  }

  @Test
  void logTailParametersAreChecked() {
    String token = Operator.login();
    given()
        .cookie("boo_session", token)
        .queryParam("source", "kernel")
        .get("/api/hosts/anything/logs")
        .then()
        .statusCode(400)
        .body("field", equalTo("source"));
    given()
        .cookie("boo_session", token)
        .queryParam("limit", "2001")
        .get("/api/hosts/anything/logs")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    given()
        .cookie("boo_session", token)
        .get("/api/hosts/no-such-host-" + UUID.randomUUID() + "/logs")
        .then()
        .statusCode(404)
        .body("field", equalTo("hostId"));
    given().get("/api/hosts/anything/logs").then().statusCode(401);
  }

  @Test
  void noSocketWithoutAnOperator() {
    for (String token : new String[] {null, "forged-or-expired"}) {
      assertThatThrownBy(() -> connect(token))
          .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
          .satisfies(
              e ->
                  assertThat(
                          ((java.net.http.WebSocketHandshakeException) e.getCause())
                              .getResponse()
                              .statusCode())
                      .isEqualTo(401));
    }
  }

  @Test
  void aJobUpdatedOnControlJobsBecomesAControlJobFrameOfItsHost() throws Exception {
    String token = Operator.login();
    Frames frames = connect(token);
    assertThat(frames.next().path("type").asText()).isEqualTo("snapshot");
    String host = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.now();
    try (KafkaProducer<String, EventEnvelope> producer = producer()) {
      // control.jobs is read from the latest offset too: wait until a probe job gets through
      String probe = host + "-probe";
      JsonNode seen = null;
      for (int i = 0; i < 60 && seen == null; i++) {
        sendJob(producer, job(UUID.randomUUID().toString(), probe, "succeeded", null, t, null));
        seen = frames.poll(500, f -> probe.equals(f.path("host").asText()));
      }
      assertThat(seen).as("the cockpit reads control.jobs").isNotNull();

      String a = UUID.randomUUID().toString();
      String b = UUID.randomUUID().toString();
      sendJob(producer, job(a, host, "queued", 1, t, null));
      sendJob(producer, job(b, host, "queued", 2, t.plusMillis(5), null));
      sendJob(producer, job(a, host, "running", null, t, t.plusSeconds(1)));
    }

    List<JsonNode> deltas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode f = frames.poll(15_000, x -> host.equals(x.path("host").asText()));
      assertThat(f).as("job delta %d for %s", i + 1, host).isNotNull();
      deltas.add(f);
    }
    assertThat(deltas).extracting(d -> d.path("type").asText()).containsOnly("control_job");
    assertThat(deltas).extracting(d -> d.path("event").asText()).containsOnly("job.updated");
    assertThat(deltas).extracting(d -> d.path("seq").asLong()).containsExactly(1L, 2L, 3L);
    assertThat(deltas.get(2).path("data").path("state").asText()).isEqualTo("running");

    // A late joiner sees the queue: the running job, then the waiting one at position 1.
    Frames late = connect(token);
    JsonNode view = hostIn(late.next(), host);
    assertThat(view.path("seq").asLong()).isEqualTo(3);
    JsonNode jobs = view.path("jobs");
    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(0).path("state").asText()).isEqualTo("running");
    assertThat(jobs.get(1).path("state").asText()).isEqualTo("queued");
    assertThat(jobs.get(1).path("position").asInt()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ helpers

  /** The cockpit reads from the latest offset: wait until it is reading (a probe gets through). */
  private static void awaitReading(
      KafkaProducer<String, EventEnvelope> producer, Frames frames, String host) throws Exception {
    String probe = host + "-probe";
    JsonNode seen = null;
    for (int i = 0; i < 60 && seen == null; i++) {
      send(producer, FleetEvents.HOST_LIVENESS, probe, liveness(probe, Instant.now()));
      seen = frames.poll(500, f -> probe.equals(f.path("host").asText()));
    }
    assertThat(seen).as("the cockpit reads the fleet topics").isNotNull();
  }

  private static JsonNode hostIn(JsonNode snapshot, String host) {
    for (JsonNode h : snapshot.path("hosts")) {
      if (host.equals(h.path("hostId").asText())) {
        return h;
      }
    }
    throw new AssertionError(host + " not in snapshot");
  }

  private static LogLines log(String host, String source, String text, boolean history) {
    return new LogLines(host, source, text, history);
  }

  private static HostLiveness liveness(String host, Instant at) {
    return new HostLiveness(host, LivenessState.CONNECTED, at, "event stream opened");
  }

  private static ActivityRecorded activity(String host, Instant at) {
    return new ActivityRecorded(
        host,
        1,
        at,
        1,
        at,
        "qwen",
        "/v1/chat/completions",
        "application/json",
        200,
        12,
        4,
        0,
        -1,
        -1,
        500.0,
        40.0,
        100,
        true,
        null,
        Map.of(),
        "it",
        "capture");
  }

  private KafkaProducer<String, EventEnvelope> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new StringSerializer(), new EnvelopeSerializer());
  }

  private static <T> void send(
      KafkaProducer<String, EventEnvelope> producer, EventType<T> type, String host, T payload)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                type.topic(), host, EventEnvelope.of(type, host, Instant.now(), payload)))
        .get(10, TimeUnit.SECONDS);
  }

  private static JobUpdated job(
      String id, String host, String state, Integer position, Instant queued, Instant started) {
    return new JobUpdated(
        id, host, "warm", "qwen", state, position, null, "admin", queued, started, null, null);
  }

  /** As action-queue publishes it: keyed by job id. */
  private static void sendJob(KafkaProducer<String, EventEnvelope> producer, JobUpdated job)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.CONTROL_JOBS,
                job.jobId(),
                EventEnvelope.of(JobEvents.JOB_UPDATED, job.jobId(), Instant.now(), job)))
        .get(10, TimeUnit.SECONDS);
  }

  private Frames connect(String token) throws Exception {
    URI ws = URI.create(socketUri.toString().replaceFirst("^http", "ws"));
    Frames frames = new Frames();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      builder.header("Cookie", "boo_session=" + token);
    }
    frames.socket = builder.buildAsync(ws, frames).get(10, TimeUnit.SECONDS);
    open.add(frames.socket);
    return frames;
  }

  /** Collects whole text frames as JSON; while {@code paused} it stops reading the socket. */
  static final class Frames implements WebSocket.Listener {
    final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;
    volatile boolean paused;
    private volatile boolean owed;

    void resume() {
      paused = false;
      if (owed) {
        owed = false;
        socket.request(1);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = Json.MAPPER.readTree(partial.toString());
          if (message.isArray()) {
            message.forEach(queue::add); // frames batched for a client that was behind
          } else {
            queue.add(message);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      if (paused) {
        owed = true; // no more demand: the client stops reading
      } else {
        ws.request(1);
      }
      return null;
    }

    JsonNode next() throws InterruptedException {
      JsonNode f = queue.poll(10, TimeUnit.SECONDS);
      assertThat(f).as("a frame").isNotNull();
      return f;
    }

    /** The first frame matching within the time, skipping others; null if none came. */
    JsonNode poll(long millis, java.util.function.Predicate<JsonNode> match)
        throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        JsonNode f = queue.poll(left, TimeUnit.NANOSECONDS);
        if (f != null && match.test(f)) {
          return f;
        }
      }
    }
  }
}
