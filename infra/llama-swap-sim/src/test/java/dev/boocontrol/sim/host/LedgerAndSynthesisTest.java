package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static dev.boocontrol.sim.host.SimFixture.quietly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's test oracles: {@code /sim/ledger} and {@code /sim/activity/synthesize}. */
class LedgerAndSynthesisTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** The fast host, keeping 100 activity rows instead of 5. */
  private static final String HOST =
      SimFixture.FAST_HOST.replace("metricsMaxInMemory: 5", "metricsMaxInMemory: 100");

  private SimFixture sim;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(HOST);
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
  }

  private String capturedAt() throws Exception {
    return sim.json(sim.get("/api/hardware")).path("captured_at").asText();
  }

  private void chatOk(String content) throws Exception {
    assertThat(sim.post("/v1/chat/completions", chat("a", false, content, 2)).statusCode())
        .isEqualTo(200);
  }

  private JsonNode ledger() throws Exception {
    HttpResponse<String> r = sim.control("GET", "/ledger", "");
    assertThat(r.statusCode()).isEqualTo(200);
    return sim.json(r);
  }

  private JsonNode status() throws Exception {
    return sim.json(sim.control("GET", "/status", ""));
  }

  private static List<Long> ids(JsonNode epoch) {
    List<Long> ids = new ArrayList<>();
    epoch.path("rows").forEach(r -> ids.add(r.path("id").asLong()));
    return ids;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private JsonNode synthesize(String body, int expectedStatus) throws Exception {
    HttpResponse<String> r = sim.post("/sim/activity/synthesize", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
    return sim.json(r);
  }

  // ---------------------------------------------------------------- ledger

  @Test
  void ledgerKeepsEveryRowOfEveryProcessLifetimeKeyedByCapturedAt() throws Exception {
    String firstStart = capturedAt();
    chatOk("one");
    chatOk("two");
    assertThat(sim.control("POST", "/restart", "").statusCode()).isEqualTo(200);
    String secondStart = capturedAt();
    assertThat(secondStart).isNotEqualTo(firstStart);
    chatOk("three");

    JsonNode ledger = ledger();
    assertThat(ledger.path("max_in_memory").asInt()).isEqualTo(100);
    assertThat(ledger.path("truncated").isBoolean()).isTrue();
    assertThat(ledger.path("truncated").asBoolean()).isFalse();
    assertThat(ledger.fieldNames())
        .toIterable()
        .containsExactly("max_in_memory", "truncated", "epochs");
    JsonNode epochs = ledger.path("epochs");
    assertThat(epochs.size()).isEqualTo(2);

    JsonNode first = epochs.get(0);
    assertThat(first.path("captured_at").asText()).isEqualTo(firstStart);
    assertThat(first.path("last_id").asLong()).isEqualTo(2);
    assertThat(ids(first)).containsExactly(1L, 2L);
    JsonNode row = first.path("rows").get(0);
    assertThat(row.fieldNames())
        .toIterable()
        .containsExactly(
            "id", "model", "req_path", "status", "input_tokens", "output_tokens", "announced");
    assertThat(row.path("model").asText()).isEqualTo("a");
    assertThat(row.path("req_path").asText()).isEqualTo("/v1/chat/completions");
    assertThat(row.path("status").asInt()).isEqualTo(200);
    assertThat(row.path("input_tokens").asInt()).isPositive();
    assertThat(row.path("output_tokens").asInt()).isEqualTo(2);
    assertThat(row.path("announced").asBoolean()).as("no event stream was open").isFalse();

    JsonNode second = epochs.get(1);
    assertThat(second.path("captured_at").asText())
        .as("a client matches epochs by /api/hardware's captured_at")
        .isEqualTo(secondStart);
    assertThat(second.path("last_id").asLong()).isEqualTo(1);
    assertThat(ids(second)).containsExactly(1L);
    JsonNode stored = sim.json(sim.get("/api/metrics/activity")).path("data").get(0);
    assertThat(second.at("/rows/0/input_tokens").asInt())
        .isEqualTo(stored.at("/tokens/input_tokens").asInt());

    // The same ledger on the host's own port.
    HttpResponse<String> onHostPort = sim.get("/sim/ledger");
    assertThat(onHostPort.statusCode()).isEqualTo(200);
    assertThat(sim.json(onHostPort)).isEqualTo(ledger);
  }

  @Test
  void reloadKeepsTheEpochAndDeleteForgetsRowsButKeepsTheCurrentEpoch() throws Exception {
    String start = capturedAt();
    chatOk("one");
    assertThat(sim.control("POST", "/reload", "").statusCode()).isEqualTo(200);
    chatOk("two");
    JsonNode epochs = ledger().path("epochs");
    assertThat(epochs.size()).as("a reload is not a new process").isEqualTo(1);
    assertThat(ids(epochs.get(0))).containsExactly(1L, 2L);

    HttpResponse<String> cleared = sim.send("DELETE", sim.url("/sim/ledger"), "");
    assertThat(cleared.statusCode()).isEqualTo(200);
    JsonNode after = sim.json(cleared).path("epochs");
    assertThat(after.size()).isEqualTo(1);
    assertThat(after.get(0).path("captured_at").asText()).isEqualTo(start);
    assertThat(after.get(0).path("last_id").asLong()).isEqualTo(2);
    assertThat(after.get(0).path("rows").isArray()).isTrue();
    assertThat(after.get(0).path("rows").size()).isZero();

    chatOk("three");
    assertThat(ids(ledger().path("epochs").get(0))).containsExactly(3L);

    HttpResponse<String> wrongMethod = sim.control("POST", "/ledger", "");
    assertThat(wrongMethod.statusCode()).isEqualTo(400);
    assertThat(sim.json(wrongMethod).path("field").asText()).isEqualTo("method");
  }

  // ---------------------------------------------------------------- synthesize

  @Test
  void synthesizedRowsGoThroughStorePruningLedgerAndEventsAtThePacedRate() throws Exception {
    List<Long> announced = new ArrayList<>();
    long elapsedMs;
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(WAIT, List.of("inflight")); // initial burst done
      long t0 = System.nanoTime();
      JsonNode reply = synthesize("{\"rows\":300,\"per_second\":3000}", 200);
      assertThat(reply.path("scheduled").asInt()).isEqualTo(300);
      assertThat(reply.path("per_second").asInt()).isEqualTo(3000);
      assertThat(reply.path("model").asText()).as("default: first model id").isEqualTo("a");
      while (announced.isEmpty() || announced.get(announced.size() - 1) < 300) {
        announced.add(events.next(WAIT, List.of("activity")).data().path("id").asLong());
      }
      elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    }
    assertThat(announced).as("one activity event per row, in order").isEqualTo(range(1, 300));
    assertThat(elapsedMs).as("300 rows at 3000/s take at least 100 ms").isGreaterThanOrEqualTo(100);

    JsonNode status = status();
    assertThat(status.path("synthesizing_remaining").asLong()).isZero();
    assertThat(status.path("last_activity_id").asLong()).isEqualTo(300);

    JsonNode ledger = ledger();
    assertThat(ledger.path("max_in_memory").asInt()).isEqualTo(100);
    assertThat(ledger.path("truncated").asBoolean()).isFalse();
    assertThat(ledger.path("epochs").size()).isEqualTo(1);
    JsonNode epoch = ledger.path("epochs").get(0);
    assertThat(epoch.path("last_id").asLong()).isEqualTo(300);
    assertThat(ids(epoch)).isEqualTo(range(1, 300));
    epoch
        .path("rows")
        .forEach(
            r -> {
              assertThat(r.path("model").asText()).isEqualTo("a");
              assertThat(r.path("req_path").asText()).isEqualTo("/v1/chat/completions");
              assertThat(r.path("status").asInt()).isEqualTo(200);
              assertThat(r.path("input_tokens").asInt()).isBetween(20, 400);
              assertThat(r.path("output_tokens").asInt()).isBetween(10, 300);
            });

    // The host's own store pruned to metricsMaxInMemory.
    JsonNode page = sim.json(sim.get("/api/metrics/activity?limit=999"));
    assertThat(page.path("total").asInt()).isEqualTo(100);
    List<Long> kept = new ArrayList<>();
    page.path("data").forEach(r -> kept.add(r.path("id").asLong()));
    assertThat(kept).containsExactlyInAnyOrderElementsOf(range(201, 300));

    JsonNode row = sim.json(sim.get("/api/metrics/activity?min_id=300")).path("data").get(0);
    assertThat(row.path("id").asLong()).isEqualTo(300);
    assertThat(row.path("resp_status_code").asInt()).isEqualTo(200);
    assertThat(row.path("resp_content_type").asText()).isEqualTo("application/json");
    assertThat(row.path("has_capture").asBoolean()).isFalse();
    assertThat(java.time.Instant.parse(row.path("metadata").path("sim_created_at").asText()))
        .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
    assertThat(row.has("error_msg")).isFalse();
    int input = row.at("/tokens/input_tokens").asInt();
    int output = row.at("/tokens/output_tokens").asInt();
    JsonNode last = epoch.path("rows").get(299);
    assertThat(input).isEqualTo(last.path("input_tokens").asInt());
    assertThat(output).isEqualTo(last.path("output_tokens").asInt());
    assertThat(row.at("/tokens/cache_tokens").asInt()).isZero();
    assertThat(row.at("/tokens/draft_tokens").asInt()).isEqualTo(-1);
    assertThat(row.at("/tokens/tokens_per_second").asDouble()).as("model a genTps").isEqualTo(400);
    assertThat(row.at("/tokens/prompt_per_second").asDouble()).isEqualTo(20000);
    assertThat(row.path("duration_ms").asLong())
        .isEqualTo(Math.round(input / 20000.0 * 1000 + output / 400.0 * 1000));
    assertThat(sim.get("/api/captures/300").statusCode()).isEqualTo(404);
  }

  @Test
  void runsGoAlongsideEachOtherAndARestartStopsThem() throws Exception {
    synthesize("{\"rows\":100000,\"per_second\":1000}", 200);
    JsonNode b = synthesize("{\"rows\":50,\"per_second\":1000000,\"model\":\"b\"}", 200);
    assertThat(b.path("model").asText()).isEqualTo("b");
    SimFixture.await(
        "both runs stored rows",
        WAIT,
        quietly(() -> status().path("last_activity_id").asLong() >= 80));
    JsonNode status = status();
    assertThat(status.path("synthesizing_remaining").asLong())
        .as("remaining + stored = both runs")
        .isEqualTo(100_050 - status.path("last_activity_id").asLong());

    JsonNode restarted = sim.json(sim.control("POST", "/restart", ""));
    assertThat(restarted.path("synthesizing_remaining").asLong()).isZero();
    Thread.sleep(300);
    assertThat(status().path("last_activity_id").asLong()).as("no row after the restart").isZero();

    JsonNode epochs = ledger().path("epochs");
    assertThat(epochs.size()).isEqualTo(2);
    JsonNode before = epochs.get(0);
    long lastId = before.path("last_id").asLong();
    assertThat(lastId).isBetween(80L, 100_049L);
    assertThat(ids(before)).isEqualTo(range(1, lastId));
    long fromB = 0;
    for (JsonNode r : before.path("rows")) {
      fromB += r.path("model").asText().equals("b") ? 1 : 0;
    }
    assertThat(fromB).isEqualTo(50);
    assertThat(epochs.get(1).path("rows").size()).isZero();
  }

  @Test
  void downStopsARunAndRefusesNewOnesUntilUp() throws Exception {
    synthesize("{\"rows\":100000,\"per_second\":1000}", 200);
    SimFixture.await(
        "rows stored", WAIT, quietly(() -> status().path("last_activity_id").asLong() > 0));
    assertThat(sim.control("POST", "/down", "").statusCode()).isEqualTo(200);
    assertThat(status().path("synthesizing_remaining").asLong()).isZero();

    HttpResponse<String> whileDown =
        sim.control("POST", "/activity/synthesize", "{\"rows\":5,\"per_second\":100}");
    assertThat(whileDown.statusCode()).isEqualTo(400);
    assertThat(sim.json(whileDown).path("field").asText()).isEqualTo("host");

    assertThat(sim.control("POST", "/up", "").statusCode()).isEqualTo(200);
    JsonNode reply =
        sim.json(
            sim.control(
                "POST",
                "/activity/synthesize",
                "{\"rows\":5,\"per_second\":1000,\"model\":\"alpha\"}"));
    assertThat(reply.path("model").asText()).as("an alias names its model").isEqualTo("a");
    SimFixture.await(
        "5 rows in the new process",
        WAIT,
        quietly(() -> status().path("last_activity_id").asLong() == 5));
    JsonNode epochs = ledger().path("epochs");
    assertThat(epochs.size()).as("up after refuse is a new process").isEqualTo(2);
    assertThat(ids(epochs.get(1))).isEqualTo(range(1, 5));
  }

  @Test
  void badInputIsA400NamingTheField() throws Exception {
    String[][] cases = {
      {"{}", "rows"},
      {"{\"rows\":0,\"per_second\":10}", "rows"},
      {"{\"rows\":10000001,\"per_second\":10}", "rows"},
      {"{\"rows\":\"5\",\"per_second\":10}", "rows"},
      {"{\"rows\":2.5,\"per_second\":10}", "rows"},
      {"{\"rows\":5}", "per_second"},
      {"{\"rows\":5,\"per_second\":0}", "per_second"},
      {"{\"rows\":5,\"per_second\":1000001}", "per_second"},
      {"{\"rows\":5,\"per_second\":10,\"model\":7}", "model"},
      {"{\"rows\":5,\"per_second\":10,\"model\":\"nope\"}", "model"},
      {"[1]", "body"},
      {"not json", "body"},
    };
    for (String[] c : cases) {
      JsonNode err = synthesize(c[0], 400);
      assertThat(err.path("field").asText()).as(c[0]).isEqualTo(c[1]);
      assertThat(err.path("error").asText()).as(c[0]).isNotBlank();
    }
    assertThat(
            synthesize("{\"rows\":5,\"per_second\":10,\"model\":\"nope\"}", 400)
                .path("error")
                .asText())
        .contains("nope");
    JsonNode status = status();
    assertThat(status.path("synthesizing_remaining").asLong()).isZero();
    assertThat(status.path("last_activity_id").asLong()).as("nothing was scheduled").isZero();

    // The bounds themselves are valid.
    assertThat(synthesize("{\"rows\":1,\"per_second\":1000000}", 200).path("scheduled").asInt())
        .isEqualTo(1);
    SimFixture.await(
        "the one row", WAIT, quietly(() -> status().path("last_activity_id").asLong() == 1));
  }
}
