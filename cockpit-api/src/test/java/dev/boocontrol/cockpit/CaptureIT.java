package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.platform.testing.SimHostResource;
import dev.boocontrol.platform.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The capture endpoint against a real simulated llama-swap host, the real PostgreSQL and the real
 * broker. The activity rows are inserted as perf-ingest would have written them (this service does
 * not run the connector); the capture itself is read live from the simulator, then from the vault.
 */
@QuarkusTest
@QuarkusTestResource(value = SimHostResource.class, restrictToAnnotatedClass = true)
class CaptureIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "sk-it-capture-secret-4711";

  @ConfigProperty(name = "it.sim.host-id", defaultValue = "none")
  String hostId;

  @ConfigProperty(name = "it.sim.port", defaultValue = "0")
  int port;

  @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
  int quarkusPort;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private String sim(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void exec(String sql, Object... args) throws SQLException {
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  private void epoch(int epoch, Instant capturedAt) throws SQLException {
    exec(
        "INSERT INTO host_epochs (host_id, epoch, captured_at, reason) VALUES (?, ?, ?, 'test')",
        hostId,
        epoch,
        capturedAt == null ? null : Timestamp.from(capturedAt));
  }

  private void row(int epoch, long id, boolean hasCapture) throws SQLException {
    exec(
        "INSERT INTO request_activity (host_id, epoch, activity_id, finished_at, model, req_path,"
            + " resp_content_type, resp_status_code, input_tokens, output_tokens, cache_tokens,"
            + " prompt_per_second, tokens_per_second, duration_ms, has_capture, source)"
            + " VALUES (?, ?, ?, now(), 'a', '/v1/chat/completions', 'text/event-stream', 200,"
            + " 10, 5, 0, 100, 50, 20, ?, 'direct')",
        hostId,
        epoch,
        id,
        hasCapture);
  }

  private static Response capture(String token, String host, int epoch, long id) {
    return given()
        .cookie("boo_session", token)
        .get("/api/hosts/" + host + "/activity/" + epoch + "/" + id + "/capture");
  }

  /** What the client itself received, put together independently of the code under test. */
  private static String contentOf(String sse) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode delta = JSON.readTree(line.substring(6)).path("choices").path(0).path("delta");
        if (delta.path("content").isTextual()) {
          out.append(delta.get("content").asText());
        }
      }
    }
    return out.toString();
  }

  @Test
  void capturesComeFromTheHostThenTheVaultAndAMissingOneSaysWhy() throws Exception {
    String token = Operator.login();

    // A streamed chat with a key the host must never see echoed back through BooControl.
    String body =
        "{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"inspect me "
            + System.nanoTime()
            + "\"}]}";
    HttpResponse<String> chat =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SECRET)
                .header("X-Upstream-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chat.statusCode()).isEqualTo(200);
    String answer = contentOf(chat.body());
    assertThat(answer).isNotEmpty();

    JsonNode newest = JSON.readTree(sim("/api/metrics/activity?limit=1")).path("data").path(0);
    long id = newest.path("id").asLong();
    assertThat(newest.path("has_capture").asBoolean()).isTrue();
    Instant started =
        OffsetDateTime.parse(JSON.readTree(sim("/api/hardware")).path("captured_at").asText())
            .toInstant();
    epoch(1, started);
    row(1, id, true);

    // 1. Live from the host: redacted headers, decoded bodies, the reassembled stream.
    Response live = capture(token, hostId, 1, id);
    assertThat(live.statusCode()).as(live.asString()).isEqualTo(200);
    JsonNode view = JSON.readTree(live.asString());
    assertThat(view.path("source").asText()).isEqualTo("host");
    assertThat(view.path("hostUrl").asText()).isEqualTo("http://127.0.0.1:" + port);
    assertThat(view.path("requestHeaders").path("Authorization").asText()).isEqualTo("[redacted]");
    assertThat(view.path("requestHeaders").path("X-Upstream-Token").asText())
        .isEqualTo("[redacted]");
    assertThat(view.path("requestHeaders").path("Content-Type").asText())
        .isEqualTo("application/json");
    assertThat(view.path("requestBody").path("text").asText()).isEqualTo(body);
    assertThat(view.path("responseHeaders").path("Content-Type").asText())
        .startsWith("text/event-stream");
    assertThat(view.path("responseBody").path("text").asText()).isEqualTo(chat.body());
    assertThat(view.path("stream").path("content").asText()).isEqualTo(answer);
    assertThat(view.path("stream").path("finishReason").asText()).isEqualTo("stop");
    assertThat(view.path("stream").path("done").asBoolean()).isTrue();
    assertThat(view.path("stream").path("usage").path("completionTokens").asLong()).isPositive();
    assertThat(live.asString()).doesNotContain(SECRET);

    // 2. A request recorded without a capture.
    row(1, id + 1000, false);
    Response none = capture(token, hostId, 1, id + 1000);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.jsonPath().getString("error")).startsWith("has_capture was false");

    // 3. Unknown row and unknown host.
    Response unknownRow = capture(token, hostId, 1, id + 2000);
    assertThat(unknownRow.statusCode()).isEqualTo(404);
    assertThat(unknownRow.jsonPath().getString("error"))
        .isEqualTo(
            "no request "
                + (id + 2000)
                + " in epoch 1 of host "
                + hostId
                + " is in the activity history");
    Response unknownHost = capture(token, "no-such-host-" + hostId, 1, id);
    assertThat(unknownHost.statusCode()).isEqualTo(404);
    assertThat(unknownHost.jsonPath().getString("error")).contains("no host no-such-host-");

    // 4. A row the host says it had, which its cache no longer holds (same process: no start
    // time recorded for epoch 2, so the host is asked and answers 404).
    epoch(2, null);
    row(2, id + 3000, true);
    Response evicted = capture(token, hostId, 2, id + 3000);
    assertThat(evicted.statusCode()).isEqualTo(404);
    assertThat(evicted.jsonPath().getString("error"))
        .startsWith("the host no longer holds this capture (evicted");

    // 5. Epoch 1 is history now: the host is not asked, and the vault has no copy yet.
    Response restarted = capture(token, hostId, 1, id);
    assertThat(restarted.statusCode()).isEqualTo(404);
    assertThat(restarted.jsonPath().getString("error"))
        .isEqualTo(
            "the host restarted since this request (epoch 1, now 2) and llama-swap keeps"
                + " captures in memory only; the capture vault has no copy");

    // 6. With a vaulted copy (as perf-ingest stores it: redacted headers, raw bodies).
    exec(
        "INSERT INTO capture_vault (host_id, epoch, activity_id, finished_at, req_path,"
            + " req_headers, req_body, resp_headers, resp_body, size_bytes)"
            + " VALUES (?, 1, ?, now(), '/v1/chat/completions', ?::jsonb, ?, ?::jsonb, ?, ?)",
        hostId,
        id,
        "{\"Authorization\":\"[redacted]\",\"Content-Type\":\"application/json\"}",
        body.getBytes(StandardCharsets.UTF_8),
        "{\"Content-Type\":\"text/event-stream\"}",
        chat.body().getBytes(StandardCharsets.UTF_8),
        (long) (body.length() + chat.body().getBytes(StandardCharsets.UTF_8).length));
    Response vaulted = capture(token, hostId, 1, id);
    assertThat(vaulted.statusCode()).as(vaulted.asString()).isEqualTo(200);
    JsonNode fromVault = JSON.readTree(vaulted.asString());
    assertThat(fromVault.path("source").asText()).isEqualTo("vault");
    assertThat(fromVault.path("stream").path("content").asText()).isEqualTo(answer);
    assertThat(fromVault.path("requestBody").path("text").asText()).isEqualTo(body);
    assertThat(fromVault.path("requestHeaders").path("Authorization").asText())
        .isEqualTo("[redacted]");
    // in llama-swap's (sorted) order, not jsonb's
    assertThat(fromVault.path("requestHeaders").fieldNames())
        .toIterable()
        .containsExactly("Authorization", "Content-Type");
  }

  @Test
  void badPathParametersAreRefusedByName() {
    String token = Operator.login();
    Response r = capture(token, hostId, 0, 1);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getString("field")).isEqualTo("epoch");
    Response n = capture(token, hostId, 1, -1);
    assertThat(n.statusCode()).isEqualTo(400);
    assertThat(n.jsonPath().getString("field")).isEqualTo("activityId");
  }

  @Test
  void withoutASessionTheCaptureIsRefused() {
    Response r = given().get("/api/hosts/" + hostId + "/activity/1/1/capture");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.asString()).doesNotContain("requestHeaders");
  }

  /** A model's own log, streamed from the host through the cockpit: its history, then live text. */
  @Test
  void aModelsLogStreamsFromTheHostOnDemand() throws Exception {
    String token = Operator.login();
    URI stream =
        URI.create("http://127.0.0.1:" + quarkusPort + "/api/hosts/" + hostId + "/logs/stream/b");
    StringBuffer received = new StringBuffer();
    // The stream opens before the model has written anything (b was never loaded).
    HttpResponse<java.util.stream.Stream<String>> open =
        http.sendAsync(
                HttpRequest.newBuilder(stream).header("Cookie", "boo_session=" + token).build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Thread reader =
        new Thread(
            () -> {
              try {
                open.body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> received.append(line.substring(5).strip()).append('\n'));
              } catch (RuntimeException closed) {
                // the test closed the stream
              }
            });
    reader.setDaemon(true);
    reader.start();

    // Loading model b writes to its own log; the lines arrive while the stream is open.
    String body =
        "{\"model\":\"b\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> chat =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chat.statusCode()).isEqualTo(200);
    long until = System.currentTimeMillis() + 10_000;
    while (!received.toString().contains("HTTP server is listening")
        && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertThat(received.toString())
        .contains("main: loading model")
        .contains("for b")
        .contains("HTTP server is listening");
    open.body().close();

    // A model the host does not have, a malformed id, an unknown host, no operator.
    // The stream is open by the time the host says no: it ends with an error event.
    String refused =
        given()
            .cookie("boo_session", token)
            .get("/api/hosts/" + hostId + "/logs/stream/no-such-model")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(refused).contains("event:error").contains("\"field\":\"model\"");
    assertThat(refused).contains("has no model no-such-model");
    given()
        .cookie("boo_session", token)
        .get("/api/hosts/" + hostId + "/logs/stream/a b")
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("model"));
    assertThat(
            given()
                .cookie("boo_session", token)
                .get("/api/hosts/no-such-host/logs/stream/b")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("event:error")
        .contains("\"field\":\"hostId\"");
    given().get("/api/hosts/" + hostId + "/logs/stream/b").then().statusCode(401);
  }
}
