package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static dev.boocontrol.sim.host.SimFixture.quietly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code /api/events} bus (spec §7). */
class EventsTest {

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

  @Test
  void initialBurstComesInLlamaSwapsOrderWithExactWireFormat() throws Exception {
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      assertThat(events.response.headers().firstValue("Content-Type"))
          .contains("text/event-stream");
      assertThat(events.response.headers().firstValue("X-Accel-Buffering")).contains("no");
      List<String> types = new ArrayList<>();
      List<SseReader.Event> burst = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        SseReader.Event e = events.next(WAIT);
        types.add(e.type());
        burst.add(e);
      }
      assertThat(types)
          .containsExactly(
              "logData", "logData", "modelStatus", "uiConfig", "profileChanged", "inflight");
      assertThat(burst.get(0).data().path("source").asText()).isEqualTo("proxy");
      assertThat(burst.get(0).data().path("data").asText()).contains("listening on");
      assertThat(burst.get(1).data().path("source").asText()).isEqualTo("upstream");
      // every message: no space after the colons, data is a JSON string
      assertThat(burst.get(2).rawLine()).startsWith("data:{\"type\":\"modelStatus\",\"data\":\"[{");
      JsonNode models = burst.get(2).data();
      assertThat(models.findValuesAsText("id")).containsExactly("a", "b", "broken", "e", "slow");
      assertThat(models.get(0).fieldNames())
          .toIterable()
          .startsWith("id", "name", "description", "state", "unlisted", "peerID");
      assertThat(burst.get(3).data().at("/activity/session_id").get(0).asText())
          .isEqualTo("X-Session-ID");
      assertThat(burst.get(4).data().has("active")).isTrue();
      assertThat(burst.get(4).data().path("active").isNull()).isTrue();
      // an empty snapshot has no requests key
      assertThat(burst.get(5).rawLine()).contains("{\\\"operation\\\":\\\"snapshot\\\"}");
    }
  }

  @Test
  void aRequestProducesInflightModelStatusAndAnIdOnlyActivity() throws Exception {
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight")); // burst done
      assertThat(
              sim.post(
                      "/v1/chat/completions",
                      chat("a", true, "hello there", 6),
                      "X-Boo-Source",
                      "test-suite")
                  .statusCode())
          .isEqualTo(200);

      List<SseReader.Event> seen = new ArrayList<>();
      SseReader.Event e;
      do {
        e = events.next(WAIT, List.of("inflight", "modelStatus", "activity"));
        seen.add(e);
      } while (!e.type().equals("activity"));
      SseReader.Event remove = events.next(WAIT, List.of("inflight"));

      SseReader.Event firstUpsert = seen.get(0);
      assertThat(firstUpsert.type()).isEqualTo("inflight");
      JsonNode entry = firstUpsert.data().path("request");
      assertThat(firstUpsert.data().path("operation").asText()).isEqualTo("upsert");
      assertThat(entry.path("id").asText()).isEqualTo("1");
      assertThat(entry.path("model").asText()).isEqualTo("a");
      assertThat(entry.path("req_path").asText()).isEqualTo("/v1/chat/completions");
      assertThat(entry.at("/req_headers/X-Boo-Source").asText()).isEqualTo("test-suite");
      assertThat(entry.path("resp_headers").size()).isZero();

      List<String> states = new ArrayList<>();
      seen.stream()
          .filter(x -> x.type().equals("modelStatus"))
          .forEach(x -> states.add(ModelLifecycleTest.stateIn(x.data(), "a")));
      assertThat(states).containsExactly("starting", "ready");

      assertThat(
              seen.stream()
                  .filter(x -> x.type().equals("inflight"))
                  .map(x -> x.data().at("/request/resp_headers/Content-Type").asText()))
          .contains("text/event-stream");

      SseReader.Event activity = seen.get(seen.size() - 1);
      assertThat(activity.data().fieldNames()).toIterable().containsExactly("id");
      long id = activity.data().path("id").asLong();
      assertThat(remove.data().path("operation").asText()).isEqualTo("remove");
      assertThat(remove.data().path("id").asText()).isEqualTo("1");

      // the row is there when the event arrives (spec §7.3.3), with llama.cpp-derived tokens
      JsonNode page = sim.json(sim.get("/api/metrics/activity?min_id=" + id + "&max_id=" + id));
      JsonNode row = page.path("data").get(0);
      assertThat(row.path("id").asLong()).isEqualTo(id).isEqualTo(1);
      assertThat(row.path("model").asText()).isEqualTo("a");
      assertThat(row.path("resp_status_code").asInt()).isEqualTo(200);
      assertThat(row.path("resp_content_type").asText()).isEqualTo("text/event-stream");
      assertThat(row.at("/tokens/output_tokens").asInt()).isEqualTo(6);
      assertThat(row.at("/tokens/input_tokens").asInt()).isPositive();
      assertThat(row.at("/tokens/cache_tokens").asInt()).isZero();
      assertThat(row.at("/tokens/draft_tokens").asInt()).isEqualTo(-1);
      assertThat(row.at("/tokens/draft_acc_tokens").asInt()).isEqualTo(-1);
      assertThat(row.at("/tokens/tokens_per_second").asDouble()).isPositive();
      assertThat(row.path("duration_ms").asLong())
          .as("includes the model load")
          .isGreaterThanOrEqualTo(200);
      assertThat(row.path("has_capture").asBoolean()).isTrue();
      assertThat(row.at("/metadata/fifo_priority").asText()).isEqualTo("0");
      assertThat(row.path("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

      JsonNode capture = sim.json(sim.get("/api/captures/" + id));
      assertThat(capture.at("/req_headers/X-Boo-Source").asText()).isEqualTo("test-suite");
      String resp =
          new String(
              java.util.Base64.getDecoder().decode(capture.path("resp_body").asText()),
              StandardCharsets.UTF_8);
      assertThat(resp).startsWith("data: {").endsWith("data: [DONE]\n\n");
    }
  }

  @Test
  void failedRequestsAreRecordedWithZeroTokensAndNoModelRequestsAreNot() throws Exception {
    assertThat(sim.post("/v1/chat/completions", chat("nope", false, "x", 2)).statusCode())
        .isEqualTo(404);
    assertThat(sim.post("/v1/chat/completions", "{\"messages\":[]}").statusCode()).isEqualTo(404);
    JsonNode page = sim.json(sim.get("/api/metrics/activity"));
    assertThat(page.path("total").asInt()).isEqualTo(1);
    JsonNode row = page.path("data").get(0);
    assertThat(row.path("model").asText()).isEqualTo("nope");
    assertThat(row.path("error_msg").asText()).isEqualTo("no router for requested model");
    assertThat(row.path("tokens").toString())
        .isEqualTo(
            "{\"cache_tokens\":0,\"draft_tokens\":0,\"draft_acc_tokens\":0,\"input_tokens\":0,"
                + "\"output_tokens\":0,\"prompt_per_second\":0,\"tokens_per_second\":0}");
    JsonNode capture = sim.json(sim.get("/api/captures/" + row.path("id").asLong()));
    assertThat(capture.path("resp_body").isNull()).isTrue();
  }

  @Test
  void activityIsPrunedBeyondMetricsMaxInMemory() throws Exception {
    for (int i = 0; i < 7; i++) {
      sim.post("/v1/chat/completions", chat("a", false, "n" + i, 1));
    }
    JsonNode page = sim.json(sim.get("/api/metrics/activity?order=asc&limit=999"));
    assertThat(page.path("total").asInt()).isEqualTo(5);
    assertThat(page.path("data").findValuesAsText("id")).containsExactly("3", "4", "5", "6", "7");
    assertThat(sim.get("/api/metrics/activity?limit=1000").statusCode()).isEqualTo(400);
  }

  @Test
  void aSnapshotReplacesInflightStateOnEveryConnection() throws Exception {
    sim.post("/v1/chat/completions", chat("slow", false, "warm", 1));
    Thread busy =
        new Thread(
            () -> {
              try {
                sim.post("/v1/chat/completions", chat("slow", false, "long", 30));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    busy.start();
    Thread.sleep(300);
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      SseReader.Event snapshot = events.next(WAIT, List.of("inflight"));
      assertThat(snapshot.data().path("operation").asText()).isEqualTo("snapshot");
      assertThat(snapshot.data().path("requests")).hasSize(1);
      assertThat(snapshot.data().at("/requests/0/model").asText()).isEqualTo("slow");
      assertThat(snapshot.data().at("/requests/0/elapsed_ms").asLong()).isGreaterThan(100);
    }
    busy.join();
  }

  @Test
  void aSubscriberThatStopsReadingLosesMessagesButNeverStallsTheHost() throws Exception {
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new java.net.InetSocketAddress("127.0.0.1", sim.port));
      OutputStream out = stalled.getOutputStream();
      out.write(
          "GET /api/events HTTP/1.1\r\nHost: sim\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // never read from it again
      try (SseReader healthy = new SseReader(sim.http, sim.url("/api/events"))) {
        healthy.next(WAIT, List.of("inflight"));
        // every request writes an access-log line, one logData event each; a long User-Agent
        // makes each about 8 KB, so the stalled socket's kernel buffers fill quickly
        String agent = "stall-test/" + "x".repeat(8000);
        for (int i = 0; i < 1500; i++) {
          assertThat(sim.get("/health", "User-Agent", agent).statusCode()).isEqualTo(200);
        }
        SimFixture.await(
            "the stalled subscriber dropped messages",
            Duration.ofSeconds(10),
            quietly(
                () ->
                    sim.json(sim.control("GET", "/status", "")).path("events_dropped").asLong()
                        > 0));
        // the healthy reader still gets live events, and the host still serves
        sim.post("/v1/chat/completions", chat("a", false, "still alive", 2));
        SseReader.Event status = healthy.next(Duration.ofSeconds(10), List.of("modelStatus"));
        assertThat(status.data()).isNotEmpty();
        // the drop is reported as a WARN line, which healthy subscribers see as logData
        assertThat(healthy.all)
            .anySatisfy(
                e ->
                    assertThat(e.data().path("data").asText())
                        .contains("[WARN] handleAPIEvents sendBuffer full"));
      }
    }
  }
}
