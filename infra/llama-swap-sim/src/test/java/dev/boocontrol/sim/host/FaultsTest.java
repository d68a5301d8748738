package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static dev.boocontrol.sim.host.SimFixture.quietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault of the {@code /sim} API, observed from a plain HTTP client. */
class FaultsTest {

  private static final Duration WAIT = Duration.ofSeconds(3);
  private SimFixture sim;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(SimFixture.FAST_HOST);
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
  }

  private String capturedAt() throws Exception {
    return sim.json(sim.get("/api/hardware")).path("captured_at").asText();
  }

  @Test
  void restartResetsStateIdsAndCapturedAtAndClosesStreams() throws Exception {
    sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    sim.post("/v1/chat/completions", chat("a", false, "y", 2));
    String before = capturedAt();
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight"));
      assertThat(sim.control("POST", "/restart", "").statusCode()).isEqualTo(200);
      SimFixture.await("the event stream closed", WAIT, () -> events.ended);
    }
    assertThat(capturedAt()).isNotEqualTo(before);
    assertThat(sim.json(sim.get("/api/metrics/activity")).path("total").asInt()).isZero();
    assertThat(sim.state("a")).isEqualTo("stopped");
    sim.post("/v1/chat/completions", chat("a", false, "z", 2));
    assertThat(sim.json(sim.get("/api/metrics/activity")).at("/data/0/id").asInt())
        .as("ids restart at 1")
        .isEqualTo(1);
  }

  @Test
  void reloadStopsModelsAndClosesStreamsButKeepsActivityAndCapturedAt() throws Exception {
    sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    String before = capturedAt();
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight"));
      assertThat(sim.control("POST", "/reload", "").statusCode()).isEqualTo(200);
      SimFixture.await("the event stream closed", WAIT, () -> events.ended);
    }
    assertThat(capturedAt()).isEqualTo(before);
    assertThat(sim.state("a")).isEqualTo("stopped");
    assertThat(sim.json(sim.get("/api/metrics/activity")).path("total").asInt()).isEqualTo(1);
    assertThat(sim.get("/api/captures/1").statusCode()).as("captures are cleared").isEqualTo(404);
  }

  @Test
  void reloadWithABadConfigIsRejectedNamingTheField() throws Exception {
    HttpResponse<String> r = sim.control("POST", "/reload", "models:\n  x:\n    ttl: soon\n");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(sim.json(r).path("field").asText()).isEqualTo("config");
    assertThat(sim.json(r).path("error").asText()).contains("ttl");
  }

  @Test
  void hungEventStreamStaysOpenAndSilentWhileTheHostStillAnswers() throws Exception {
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight"));
      sim.control("POST", "/events/hang", "");
      assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
          .isEqualTo(200);
      assertThat(sim.get("/health").body()).isEqualTo("OK");
      Thread.sleep(300);
      assertThat(events.events.stream().filter(e -> e.type().equals("modelStatus"))).isEmpty();
      assertThat(events.ended).isFalse();
      sim.control("POST", "/events/resume", "");
      assertThat(events.next(WAIT, List.of("modelStatus"))).isNotNull();
    }
  }

  @Test
  void dropConnectionsEndsOpenStreams() throws Exception {
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight"));
      sim.control("POST", "/connections/drop", "");
      SimFixture.await("the stream ended", WAIT, () -> events.ended);
    }
    assertThat(sim.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void injectedInferenceFailuresHaveLlamaSwapsShapesAndCount() throws Exception {
    sim.control("POST", "/faults/inference", "{\"status\":503,\"count\":2}");
    HttpResponse<String> first = sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(sim.json(first).path("src").asText()).isEqualTo("llama-swap");
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(503);
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(200);

    sim.control("POST", "/faults/inference", "{\"status\":429,\"count\":1}");
    HttpResponse<String> limited = sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("1");

    sim.control(
        "POST", "/faults/inference", "{\"status\":500,\"count\":1,\"message\":\"CUDA error\"}");
    HttpResponse<String> upstream = sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    assertThat(upstream.statusCode()).isEqualTo(500);
    assertThat(sim.json(upstream).has("src")).as("upstream errors carry no src").isFalse();
    assertThat(sim.json(upstream).at("/error/message").asText()).isEqualTo("CUDA error");

    sim.control("POST", "/faults/inference", "{\"status\":502,\"count\":1}");
    HttpResponse<String> badGateway = sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    assertThat(badGateway.statusCode()).isEqualTo(502);
    assertThat(badGateway.body()).isEmpty();

    sim.control("POST", "/faults/inference", "{\"status\":503,\"count\":-1}");
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(503);
    sim.control("DELETE", "/faults", "");
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(200);

    JsonNode rows = sim.json(sim.get("/api/metrics/activity?limit=999"));
    assertThat(rows.path("data").findValuesAsText("resp_status_code"))
        .contains("503", "429", "500", "502");

    HttpResponse<String> bad = sim.control("POST", "/faults/inference", "{\"status\":404}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(sim.json(bad).path("field").asText()).isEqualTo("status");
  }

  @Test
  void slowTokensStretchGeneration() throws Exception {
    sim.post("/v1/chat/completions", chat("a", false, "warm", 1));
    long t0 = System.nanoTime();
    sim.post("/v1/chat/completions", chat("a", false, "fast", 20));
    double normalMs = (System.nanoTime() - t0) / 1e6;
    sim.control("POST", "/faults/slow", "{\"factor\":8}");
    long t1 = System.nanoTime();
    JsonNode slow = sim.json(sim.post("/v1/chat/completions", chat("a", false, "slow", 20)));
    double slowMs = (System.nanoTime() - t1) / 1e6;
    assertThat(slowMs).isGreaterThan(normalMs * 3);
    assertThat(slow.at("/timings/predicted_per_second").asDouble())
        .isCloseTo(50.0, org.assertj.core.data.Offset.offset(2.0));
    assertThat(sim.control("POST", "/faults/slow", "{\"factor\":0}").statusCode()).isEqualTo(400);
  }

  @Test
  void hostDownRefusesConnectionsAndComesBackAsARestartedProcess() throws Exception {
    String before = capturedAt();
    assertThat(sim.post("/sim/down", "").statusCode()).isEqualTo(200);
    SimFixture.await(
        "connections are refused",
        WAIT,
        () -> {
          try {
            sim.get("/health");
            return false;
          } catch (ConnectException e) {
            return true;
          } catch (Exception e) {
            return e.getCause() instanceof ConnectException;
          }
        });
    assertThatThrownBy(() -> sim.get("/health")).isInstanceOf(ConnectException.class);
    assertThat(sim.json(sim.control("GET", "/status", "")).path("listening").asBoolean()).isFalse();
    assertThat(sim.control("POST", "/up", "").statusCode()).isEqualTo(200);
    SimFixture.await(
        "health answers again", WAIT, quietly(() -> sim.get("/health").statusCode() == 200));
    assertThat(capturedAt()).isNotEqualTo(before);
  }

  @Test
  void hostHangAcceptsConnectionsButNeverAnswers() throws Exception {
    sim.control("POST", "/down?mode=hang", "");
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(sim.url("/health")))
            .timeout(Duration.ofMillis(500))
            .build();
    assertThatThrownBy(() -> sim.http.send(probe, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    sim.control("POST", "/up", "");
    assertThat(sim.get("/health").body()).isEqualTo("OK");
  }

  @Test
  void cancellingAnInflightRequestEndsItAndFreesTheModel() throws Exception {
    sim.post("/v1/chat/completions", chat("slow", false, "warm", 1));
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight"));
      var pending =
          sim.http.sendAsync(
              HttpRequest.newBuilder(URI.create(sim.url("/v1/chat/completions")))
                  .POST(HttpRequest.BodyPublishers.ofString(chat("slow", true, "long answer", 200)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String id = events.next(WAIT, List.of("inflight")).data().at("/request/id").asText();
      HttpResponse<String> cancel = sim.post("/api/inflight/" + id + "/cancel", "");
      assertThat(cancel.body()).isEqualTo("{\"msg\":\"ok\"}\n");
      SimFixture.await("the client's stream ended", WAIT, pending::isDone);
      SseReader.Event removed;
      do {
        removed = events.next(WAIT, List.of("inflight"));
      } while (!removed.data().path("operation").asText().equals("remove"));
      assertThat(removed.data().path("id").asText()).isEqualTo(id);
    }
    // the model is free again at once (concurrencyLimit 1), and the cut stream has no usage
    assertThat(sim.post("/v1/chat/completions", chat("slow", false, "next", 1)).statusCode())
        .isEqualTo(200);
    JsonNode rows = sim.json(sim.get("/api/metrics/activity?limit=3"));
    assertThat(rows.path("data").findValuesAsText("output_tokens")).contains("0");
  }

  @Test
  void aCrashUnderANonStreamedRequestAnswersAnEmpty502() throws Exception {
    sim.post("/v1/chat/completions", chat("slow", false, "warm", 1));
    var pending =
        sim.http.sendAsync(
            HttpRequest.newBuilder(URI.create(sim.url("/v1/chat/completions")))
                .POST(HttpRequest.BodyPublishers.ofString(chat("slow", false, "long", 100)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    assertThat(sim.json(sim.control("POST", "/models/slow/crash", "")).path("crashed").asBoolean())
        .isTrue();
    HttpResponse<String> cut = pending.get();
    assertThat(cut.statusCode()).isEqualTo(502);
    assertThat(cut.body()).isEmpty();
    JsonNode row = sim.json(sim.get("/api/metrics/activity?limit=1")).path("data").get(0);
    assertThat(row.path("resp_status_code").asInt()).isEqualTo(502);
    assertThat(row.path("error_msg").asText()).isEqualTo("502 Bad Gateway");
  }

  @Test
  void rawLogTextGoesIntoTheLogsAsWritten() throws Exception {
    String marker = "\u2014 512 bytes dropped \u2014";
    assertThat(
            sim.control(
                    "POST",
                    "/logs/write",
                    "{\"source\":\"proxy\",\"text\":\"\\u001b[32mgreen\\u001b[0m half\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            sim.control(
                    "POST",
                    "/logs/write",
                    "{\"source\":\"upstream\",\"model\":\"a\",\"text\":\"\\n" + marker + "\\n\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(sim.get("/logs").body()).contains("\u001b[32mgreen\u001b[0m half");
    assertThat(historyOf("/logs/stream/a", marker)).contains(marker);

    HttpResponse<String> bad =
        sim.control("POST", "/logs/write", "{\"source\":\"kernel\",\"text\":\"x\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(sim.json(bad).path("field").asText()).isEqualTo("source");
    bad =
        sim.control(
            "POST", "/logs/write", "{\"source\":\"upstream\",\"model\":\"nope\",\"text\":\"x\"}");
    assertThat(sim.json(bad).path("field").asText()).isEqualTo("model");
  }

  /** The start of a log stream (which never ends by itself) up to the first chunk holding text. */
  private String historyOf(String path, String text) throws Exception {
    HttpResponse<java.io.InputStream> r =
        sim.http.send(
            HttpRequest.newBuilder(URI.create(sim.url(path))).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    StringBuilder read = new StringBuilder();
    try (java.io.InputStream in = r.body()) {
      byte[] buf = new byte[8192];
      while (!read.toString().contains(text)) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        read.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return read.toString();
  }
}
