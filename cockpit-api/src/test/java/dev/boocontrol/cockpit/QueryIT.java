package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.platform.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read-only queries against the real PostgreSQL: one fresh host with known activity, samples,
 * rollups and gaps; every number the API answers is recomputed here from what was inserted.
 */
@QuarkusTest
class QueryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "q-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String MODEL_A = "qa-model-a-" + HOST;
  private static final String MODEL_B = "qa-model-b-" + HOST;

  /** Every inserted activity row finishes before BASE; rollups lie days before it. */
  private static final Instant BASE =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));

  private static final Instant ROLLUP_AT =
      BASE.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

  /** One inserted request_activity row. */
  record Act(
      int epoch,
      long id,
      Instant finishedAt,
      String model,
      String source,
      int status,
      int input,
      int output,
      int cache,
      double tps,
      long durationMs) {}

  private static final List<Act> ACTS = new ArrayList<>();

  private static String token;

  @BeforeAll
  static void insert() throws SQLException {
    for (int i = 1; i <= 30; i++) {
      int epoch = i <= 15 ? 1 : 2;
      long id = epoch == 1 ? i : i - 15; // ids restart in the new epoch
      // two minutes apart, with ties: rows 10-12 and rows 15/16 (across epochs) finish together
      int slot = (i >= 10 && i <= 12) ? 10 : (i == 16 ? 15 : i);
      Instant finished = BASE.minus(Duration.ofMinutes(2L * (31 - slot))).plusMillis(123);
      int status = i % 5 == 0 ? 500 : (i % 7 == 0 ? 429 : 200);
      ACTS.add(
          new Act(
              epoch,
              id,
              finished,
              i % 2 == 1 ? MODEL_A : MODEL_B,
              i % 3 == 0 ? "bench" : "direct",
              status,
              i == 29 ? -1 : 100 + i,
              i == 29 ? -1 : 10 * i,
              i % 2 == 0 ? 0 : 5,
              i == 30 ? 0 : i * 1.5,
              1000 + i * 10L));
    }
    try (Connection db = TestDatabase.connect(TestDatabase.database())) {
      exec(
          db,
          "INSERT INTO hosts (id, display_name, base_url, kind) VALUES (?, ?, ?, 'llama-swap')",
          HOST,
          "Query test " + HOST,
          "http://127.0.0.1:1");
      for (int epoch = 1; epoch <= 2; epoch++) {
        exec(
            db,
            "INSERT INTO host_epochs (host_id, epoch, reason) VALUES (?, ?, 'test')",
            HOST,
            epoch);
      }
      for (Act a : ACTS) {
        exec(
            db,
            """
            INSERT INTO request_activity (host_id, epoch, activity_id, finished_at, model,
              req_path, resp_status_code, input_tokens, output_tokens, cache_tokens,
              prompt_per_second, tokens_per_second, duration_ms, has_capture, error_msg, source,
              source_attribution)
            VALUES (?, ?, ?, ?, ?, '/v1/chat/completions', ?, ?, ?, ?, 50.0, ?, ?, ?, ?, ?, ?)
            """,
            HOST,
            a.epoch(),
            a.id(),
            ts(a.finishedAt()),
            a.model(),
            a.status(),
            a.input(),
            a.output(),
            a.cache(),
            a.tps(),
            a.durationMs(),
            a.id() % 4 == 0,
            a.status() == 200 ? null : "upstream said " + a.status(),
            a.source(),
            a.source().equals("bench") ? "capture" : "none");
      }
      // five raw samples a minute apart for GPUs 0 and 1, and the system
      for (int k = 0; k < 5; k++) {
        Instant t = BASE.minus(Duration.ofMinutes(10L + k));
        for (int gpu = 0; gpu < 2; gpu++) {
          exec(
              db,
              """
              INSERT INTO gpu_samples (host_id, gpu_index, sampled_at, name, temp_c, gpu_util_pct,
                mem_used_mb, mem_total_mb, power_draw_w) VALUES (?, ?, ?, ?, ?, ?, ?, 24576, ?)
              """,
              HOST,
              gpu,
              ts(t),
              "RTX Test " + gpu,
              50.0 + k + gpu * 10,
              10.0 * k,
              1000.0 + k,
              100.0 + k);
        }
        exec(
            db,
            """
            INSERT INTO system_samples (host_id, sampled_at, cpu_util_pct, mem_total_mb,
              mem_used_mb, load_avg_1) VALUES (?, ?, ?, 64000, ?, ?)
            """,
            HOST,
            ts(t),
            20.0 + k,
            30000.0 + k,
            1.0 + k);
      }
      // rollups three days back: two buckets per model, GPU 0 and the system
      for (int b = 0; b < 2; b++) {
        Instant bucket = ROLLUP_AT.plus(Duration.ofMinutes(5L * b));
        exec(
            db,
            """
            INSERT INTO request_rollups_5m (host_id, model, bucket_start, requests, errors,
              input_tokens, output_tokens, cache_tokens, tokens_per_second_avg,
              tokens_per_second_p50, prompt_per_second_avg, duration_ms_avg)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 60, ?)
            """,
            HOST,
            MODEL_A,
            ts(bucket),
            b == 0 ? 10 : 30,
            b == 0 ? 1 : 0,
            b == 0 ? 1000L : 3000L,
            b == 0 ? 2000L : 6000L,
            b == 0 ? 20.0 : 40.0,
            b == 0 ? 19.0 : 41.0,
            b == 0 ? 1500.0 : 500.0);
        exec(
            db,
            """
            INSERT INTO request_rollups_5m (host_id, model, bucket_start, requests, errors,
              input_tokens, output_tokens, cache_tokens, tokens_per_second_avg,
              tokens_per_second_p50, prompt_per_second_avg, duration_ms_avg)
            VALUES (?, ?, ?, 5, 5, 0, 0, 0, NULL, NULL, NULL, 200)
            """,
            HOST,
            MODEL_B,
            ts(bucket));
        exec(
            db,
            """
            INSERT INTO gpu_rollups_5m (host_id, gpu_index, bucket_start, samples, temp_c_avg,
              temp_c_max, gpu_util_avg, gpu_util_max, mem_used_mb_avg, mem_used_mb_max,
              mem_total_mb, power_w_avg, power_w_max)
            VALUES (?, 0, ?, 60, ?, 90, 50, 100, 2000, 2500, 24576, 250, 300)
            """,
            HOST,
            ts(bucket),
            60.0 + b);
        exec(
            db,
            """
            INSERT INTO system_rollups_5m (host_id, bucket_start, samples, cpu_util_avg,
              cpu_util_max, mem_used_mb_avg, mem_used_mb_max, load_avg_1_avg)
            VALUES (?, ?, 60, ?, 99, 40000, 41000, 2.5)
            """,
            HOST,
            ts(bucket),
            30.0 + b);
      }
      for (int g = 1; g <= 3; g++) {
        exec(
            db,
            """
            INSERT INTO activity_gaps (host_id, epoch, from_id, to_id, reason, detected_at)
            VALUES (?, 1, ?, ?, 'pruned', ?)
            """,
            HOST,
            g * 100L,
            g * 100L + g * 10 - 1,
            ts(BASE.minus(Duration.ofHours(g))));
      }
    }
  }

  @AfterAll
  static void retire() throws SQLException {
    try (Connection db = TestDatabase.connect(TestDatabase.database())) {
      exec(db, "UPDATE hosts SET enabled = false WHERE id = ?", HOST);
    }
  }

  private static RequestSpecification api() {
    if (token == null) {
      token = Operator.login();
    }
    return given().cookie("boo_session", token);
  }

  private static JsonNode ok(Response response) {
    response.then().statusCode(200).contentType("application/json");
    try {
      return JSON.readTree(response.asString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void badRequest(Response response, String field) {
    response
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("field", org.hamcrest.Matchers.equalTo(field))
        .body("error", org.hamcrest.Matchers.notNullValue());
  }

  /** Everything inserted lies in [BASE - 2 h, BASE). */
  private static RequestSpecification window() {
    return api()
        .queryParam("host", HOST)
        .queryParam("from", BASE.minus(Duration.ofHours(2)).toString())
        .queryParam("to", BASE.toString());
  }

  private static List<String> keys(JsonNode rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(
        r ->
            out.add(
                r.path("finishedAt").asText()
                    + "/"
                    + r.path("hostId").asText()
                    + "/"
                    + r.path("epoch").asInt()
                    + "/"
                    + r.path("activityId").asLong()));
    return out;
  }

  private static List<String> expectedKeys(Predicate<Act> filter) {
    return ACTS.stream()
        .filter(filter)
        .sorted(
            Comparator.comparing(Act::finishedAt)
                .thenComparing(Act::epoch)
                .thenComparing(Act::id)
                .reversed())
        .map(a -> a.finishedAt() + "/" + HOST + "/" + a.epoch() + "/" + a.id())
        .toList();
  }

  @Test
  void activityRowsCarryEveryField() {
    JsonNode page = ok(window().queryParam("limit", 1).get("/api/activity"));
    JsonNode row = page.path("rows").get(0);
    Act newest = ACTS.get(29);
    assertThat(row.path("hostId").asText()).isEqualTo(HOST);
    assertThat(row.path("epoch").asInt()).isEqualTo(2);
    assertThat(row.path("activityId").asLong()).isEqualTo(15);
    assertThat(Instant.parse(row.path("finishedAt").asText())).isEqualTo(newest.finishedAt());
    assertThat(row.path("model").asText()).isEqualTo(MODEL_B);
    assertThat(row.path("reqPath").asText()).isEqualTo("/v1/chat/completions");
    assertThat(row.path("status").asInt()).isEqualTo(500);
    assertThat(row.path("inputTokens").asInt()).isEqualTo(130);
    assertThat(row.path("outputTokens").asInt()).isEqualTo(300);
    assertThat(row.path("cacheTokens").asInt()).isZero();
    assertThat(row.path("promptPerSecond").asDouble()).isEqualTo(50.0);
    assertThat(row.path("tokensPerSecond").asDouble()).isZero();
    assertThat(row.path("durationMs").asLong()).isEqualTo(1300);
    assertThat(row.path("hasCapture").asBoolean()).isFalse();
    assertThat(row.path("errorMsg").asText()).isEqualTo("upstream said 500");
    assertThat(row.path("source").asText()).isEqualTo("bench");
    assertThat(row.path("sourceAttribution").asText()).isEqualTo("capture");
    assertThat(page.path("next").isTextual()).isTrue();
  }

  @Test
  void pagingThroughEveryRowServesEachExactlyOnceInOrder() {
    List<String> seen = new ArrayList<>();
    String before = null;
    int pages = 0;
    do {
      RequestSpecification request = window().queryParam("limit", 7);
      if (before != null) {
        request.queryParam("before", before);
      }
      JsonNode page = ok(request.get("/api/activity"));
      assertThat(page.path("rows").size()).isBetween(1, 7);
      seen.addAll(keys(page.path("rows")));
      before = page.path("next").isNull() ? null : page.path("next").asText();
      pages++;
    } while (before != null && pages < 20);
    assertThat(pages).isEqualTo(5); // 7 + 7 + 7 + 7 + 2
    assertThat(seen)
        .hasSize(30)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(expectedKeys(a -> true));

    // a page that ends exactly at the last row says so
    JsonNode all = ok(window().queryParam("limit", 30).get("/api/activity"));
    assertThat(all.path("rows").size()).isEqualTo(30);
    assertThat(all.path("next").isNull()).isTrue();
  }

  @Test
  void filtersNarrowTheRows() {
    assertThat(keys(ok(window().queryParam("model", MODEL_A).get("/api/activity")).path("rows")))
        .containsExactlyElementsOf(expectedKeys(a -> a.model().equals(MODEL_A)));
    assertThat(
            ok(window().queryParam("model", MODEL_A, MODEL_B).get("/api/activity"))
                .path("rows")
                .size())
        .isEqualTo(30);
    assertThat(keys(ok(window().queryParam("source", "bench").get("/api/activity")).path("rows")))
        .containsExactlyElementsOf(expectedKeys(a -> a.source().equals("bench")));
    assertThat(keys(ok(window().queryParam("status", "ok").get("/api/activity")).path("rows")))
        .containsExactlyElementsOf(expectedKeys(a -> a.status() == 200));
    assertThat(keys(ok(window().queryParam("status", "error").get("/api/activity")).path("rows")))
        .containsExactlyElementsOf(expectedKeys(a -> a.status() != 200));
    assertThat(keys(ok(window().queryParam("status", "429").get("/api/activity")).path("rows")))
        .hasSize(4)
        .containsExactlyElementsOf(expectedKeys(a -> a.status() == 429));
    assertThat(
            keys(
                ok(window()
                        .queryParam("model", MODEL_A)
                        .queryParam("source", "direct")
                        .queryParam("status", "error")
                        .get("/api/activity"))
                    .path("rows")))
        .containsExactlyElementsOf(
            expectedKeys(
                a ->
                    a.model().equals(MODEL_A) && a.source().equals("direct") && a.status() != 200));
    // another host besides ours changes nothing; a narrower range cuts rows
    assertThat(
            ok(window().queryParam("host", "q-no-such-host").get("/api/activity"))
                .path("rows")
                .size())
        .isEqualTo(30);
    Instant cut = ACTS.get(19).finishedAt();
    assertThat(
            keys(
                ok(api()
                        .queryParam("host", HOST)
                        .queryParam("from", cut.toString())
                        .get("/api/activity"))
                    .path("rows")))
        .containsExactlyElementsOf(expectedKeys(a -> !a.finishedAt().isBefore(cut)));
    assertThat(
            ok(api().queryParam("host", "q-no-such-host").get("/api/activity")).path("rows").size())
        .isZero();
  }

  @Test
  void badParametersAnswer400NamingTheParameter() {
    badRequest(api().queryParam("from", "yesterday").get("/api/activity"), "from");
    badRequest(api().queryParam("to", "2026-13-45T00:00:00Z").get("/api/activity"), "to");
    badRequest(
        api()
            .queryParam("from", "2026-01-02T00:00:00Z")
            .queryParam("to", "2026-01-01T00:00:00Z")
            .get("/api/activity"),
        "from");
    badRequest(
        api()
            .queryParam("from", "2024-01-01T00:00:00Z")
            .queryParam("to", "2026-01-01T00:00:00Z")
            .get("/api/activity"),
        "from");
    badRequest(api().queryParam("limit", 0).get("/api/activity"), "limit");
    badRequest(api().queryParam("limit", 501).get("/api/activity"), "limit");
    badRequest(api().queryParam("limit", "lots").get("/api/activity"), "limit");
    badRequest(api().queryParam("status", "weird").get("/api/activity"), "status");
    badRequest(api().queryParam("host", "Not A Host").get("/api/activity"), "host");
    String next = ok(window().queryParam("limit", 2).get("/api/activity")).path("next").asText();
    String tampered =
        next.substring(0, 5) + (next.charAt(5) == 'A' ? 'B' : 'A') + next.substring(6);
    badRequest(window().queryParam("before", tampered).get("/api/activity"), "before");
    badRequest(window().queryParam("before", "garbage!").get("/api/activity"), "before");

    badRequest(api().queryParam("from", "x").get("/api/stats/models"), "from");
    badRequest(api().queryParam("host", "_bad").get("/api/stats/models"), "host");
    badRequest(api().queryParam("to", "x").get("/api/stats/hosts"), "to");
    badRequest(api().queryParam("from", "x").get("/api/perf/" + HOST), "from");
    badRequest(api().queryParam("host", "_bad").get("/api/gaps"), "host");
    badRequest(
        api()
            .queryParam("from", "2026-01-02T00:00:00Z")
            .queryParam("to", "2026-01-01T00:00:00Z")
            .get("/api/gaps"),
        "from");
  }

  /** What the API must say for one model over raw rows, recomputed from the inserted rows. */
  private static void assertRawStats(JsonNode row, List<Act> rows) {
    assertThat(row.path("requests").asLong()).isEqualTo(rows.size());
    assertThat(row.path("errors").asLong())
        .isEqualTo(rows.stream().filter(a -> a.status() >= 400).count());
    assertThat(row.path("inputTokens").asLong())
        .isEqualTo(rows.stream().mapToLong(Act::input).filter(t -> t > 0).sum());
    assertThat(row.path("outputTokens").asLong())
        .isEqualTo(rows.stream().mapToLong(Act::output).filter(t -> t > 0).sum());
    assertThat(row.path("cacheTokens").asLong())
        .isEqualTo(rows.stream().mapToLong(Act::cache).filter(t -> t > 0).sum());
    double[] speeds = rows.stream().mapToDouble(Act::tps).filter(s -> s > 0).sorted().toArray();
    assertThat(row.path("tokensPerSecondAvg").asDouble())
        .isCloseTo(java.util.Arrays.stream(speeds).average().orElseThrow(), within(1e-9));
    double median =
        speeds.length % 2 == 1
            ? speeds[speeds.length / 2]
            : (speeds[speeds.length / 2 - 1] + speeds[speeds.length / 2]) / 2;
    assertThat(row.path("tokensPerSecondP50").asDouble()).isCloseTo(median, within(1e-9));
    assertThat(row.path("durationMsAvg").asDouble())
        .isCloseTo(rows.stream().mapToLong(Act::durationMs).average().orElseThrow(), within(1e-9));
  }

  @Test
  void statsOverShortRangesAreTheRawNumbers() {
    JsonNode stats = ok(window().get("/api/stats/models"));
    assertThat(stats.path("resolution").asText()).isEqualTo("raw");
    JsonNode rows = stats.path("rows");
    assertThat(rows.size()).isEqualTo(2);
    for (JsonNode row : rows) {
      String model = row.path("model").asText();
      assertThat(model).isIn(MODEL_A, MODEL_B);
      assertRawStats(row, ACTS.stream().filter(a -> a.model().equals(model)).toList());
    }
    // the default range (the last 24 h) holds them all too
    JsonNode byDefault = ok(api().queryParam("host", HOST).get("/api/stats/models"));
    assertThat(byDefault.path("rows")).isEqualTo(rows);

    JsonNode hosts =
        ok(
            api()
                .queryParam("from", BASE.minus(Duration.ofHours(2)).toString())
                .queryParam("to", BASE.toString())
                .get("/api/stats/hosts"));
    assertThat(hosts.path("resolution").asText()).isEqualTo("raw");
    JsonNode ours = null;
    for (JsonNode row : hosts.path("rows")) {
      if (row.path("hostId").asText().equals(HOST)) {
        ours = row;
      }
    }
    assertThat(ours).as("our host's row").isNotNull();
    assertThat(ours.path("displayName").asText()).isEqualTo("Query test " + HOST);
    assertRawStats(ours, ACTS);
  }

  @Test
  void statsOverLongRangesComeFromTheRollups() {
    // five days ending two days back: only the rollups, not the raw rows of the last hours
    RequestSpecification range =
        api()
            .queryParam("from", BASE.minus(Duration.ofDays(7)).toString())
            .queryParam("to", BASE.minus(Duration.ofDays(2)).toString());
    JsonNode stats = ok(range.queryParam("host", HOST).get("/api/stats/models"));
    assertThat(stats.path("resolution").asText()).isEqualTo("5m");
    JsonNode rows = stats.path("rows");
    assertThat(rows.size()).isEqualTo(2);
    JsonNode a = rows.get(0);
    assertThat(a.path("model").asText()).isEqualTo(MODEL_A); // busiest first
    assertThat(a.path("requests").asLong()).isEqualTo(40);
    assertThat(a.path("errors").asLong()).isEqualTo(1);
    assertThat(a.path("inputTokens").asLong()).isEqualTo(4000);
    assertThat(a.path("outputTokens").asLong()).isEqualTo(8000);
    // (20 * 10 + 40 * 30) / 40, the median of the bucket medians 19 and 41, (1500*10+500*30)/40
    assertThat(a.path("tokensPerSecondAvg").asDouble()).isCloseTo(35.0, within(1e-9));
    assertThat(a.path("tokensPerSecondP50").asDouble()).isCloseTo(30.0, within(1e-9));
    assertThat(a.path("durationMsAvg").asDouble()).isCloseTo(750.0, within(1e-9));
    JsonNode b = rows.get(1);
    assertThat(b.path("model").asText()).isEqualTo(MODEL_B);
    assertThat(b.path("requests").asLong()).isEqualTo(10);
    assertThat(b.path("errors").asLong()).isEqualTo(10);
    assertThat(b.path("tokensPerSecondAvg").isNull()).isTrue();
    assertThat(b.path("tokensPerSecondP50").isNull()).isTrue();
    assertThat(b.path("durationMsAvg").asDouble()).isCloseTo(200.0, within(1e-9));
  }

  @Test
  void perfReadsRawSamplesForAnHour() {
    JsonNode perf =
        ok(
            api()
                .queryParam("from", BASE.minus(Duration.ofHours(1)).toString())
                .queryParam("to", BASE.toString())
                .get("/api/perf/" + HOST));
    assertThat(perf.path("host").asText()).isEqualTo(HOST);
    assertThat(perf.path("resolution").asText()).isEqualTo("raw");
    assertThat(perf.path("stepSeconds").asLong()).isEqualTo(2);
    assertThat(perf.path("modelStepSeconds").asLong()).isEqualTo(60);
    JsonNode gpus = perf.path("gpus");
    assertThat(gpus.size()).isEqualTo(2);
    for (int gpu = 0; gpu < 2; gpu++) {
      JsonNode series = gpus.get(gpu);
      assertThat(series.path("index").asInt()).isEqualTo(gpu);
      assertThat(series.path("name").asText()).isEqualTo("RTX Test " + gpu);
      JsonNode points = series.path("points");
      assertThat(points.size()).isEqualTo(5);
      for (int p = 0; p < 5; p++) {
        int k = 4 - p; // oldest first
        JsonNode point = points.get(p);
        assertThat(Instant.parse(point.path("t").asText()))
            .isEqualTo(BASE.minus(Duration.ofMinutes(10L + k)));
        assertThat(point.path("tempC").asDouble()).isEqualTo(50.0 + k + gpu * 10);
        assertThat(point.path("utilPct").asDouble()).isEqualTo(10.0 * k);
        assertThat(point.path("memUsedMb").asDouble()).isEqualTo(1000.0 + k);
        assertThat(point.path("memTotalMb").asDouble()).isEqualTo(24576.0);
        assertThat(point.path("powerW").asDouble()).isEqualTo(100.0 + k);
      }
    }
    JsonNode system = perf.path("system");
    assertThat(system.size()).isEqualTo(5);
    assertThat(system.get(4).path("cpuPct").asDouble()).isEqualTo(20.0);
    assertThat(system.get(4).path("memUsedMb").asDouble()).isEqualTo(30000.0);
    assertThat(system.get(4).path("memTotalMb").asDouble()).isEqualTo(64000.0);
    assertThat(system.get(4).path("load1").asDouble()).isEqualTo(1.0);

    // per model: the requests of the hour, one-minute buckets
    Instant hourAgo = BASE.minus(Duration.ofHours(1));
    JsonNode models = perf.path("models");
    assertThat(models.size()).isEqualTo(2);
    for (JsonNode series : models) {
      String model = series.path("model").asText();
      long requests = 0;
      long errors = 0;
      for (JsonNode point : series.path("points")) {
        requests += point.path("requests").asLong();
        errors += point.path("errors").asLong();
        assertThat(Instant.parse(point.path("t").asText()).getEpochSecond() % 60).isZero();
      }
      List<Act> expected =
          ACTS.stream()
              .filter(a -> a.model().equals(model) && !a.finishedAt().isBefore(hourAgo))
              .toList();
      assertThat(requests).isEqualTo(expected.size());
      assertThat(errors).isEqualTo(expected.stream().filter(a -> a.status() >= 400).count());
    }
  }

  @Test
  void perfReadsRollupsForAWeek() {
    JsonNode perf =
        ok(
            api()
                .queryParam("from", BASE.minus(Duration.ofDays(7)).toString())
                .queryParam("to", BASE.toString())
                .get("/api/perf/" + HOST));
    assertThat(perf.path("resolution").asText()).isEqualTo("5m");
    assertThat(perf.path("stepSeconds").asLong()).isEqualTo(300);
    JsonNode gpus = perf.path("gpus");
    assertThat(gpus.size()).isEqualTo(1);
    assertThat(gpus.get(0).path("name").asText()).isEqualTo("RTX Test 0");
    JsonNode points = gpus.get(0).path("points");
    assertThat(points.size()).isEqualTo(2);
    assertThat(Instant.parse(points.get(0).path("t").asText())).isEqualTo(ROLLUP_AT);
    assertThat(points.get(0).path("tempC").asDouble()).isEqualTo(60.0);
    assertThat(points.get(1).path("tempC").asDouble()).isEqualTo(61.0);
    assertThat(points.get(1).path("powerW").asDouble()).isEqualTo(250.0);
    JsonNode system = perf.path("system");
    assertThat(system.size()).isEqualTo(2);
    assertThat(system.get(1).path("cpuPct").asDouble()).isEqualTo(31.0);
    assertThat(system.get(1).path("memTotalMb").isNull()).isTrue();
    Map<String, Long> requests = new java.util.HashMap<>();
    for (JsonNode series : perf.path("models")) {
      long sum = 0;
      for (JsonNode point : series.path("points")) {
        sum += point.path("requests").asLong();
      }
      requests.put(series.path("model").asText(), sum);
    }
    assertThat(requests).isEqualTo(Map.of(MODEL_A, 40L, MODEL_B, 10L));
  }

  @Test
  void perfOfAnUnknownHostIs404() {
    for (String host : new String[] {"q-no-such-host", "NOT_EVEN_AN_ID"}) {
      api()
          .get("/api/perf/" + host)
          .then()
          .statusCode(404)
          .contentType("application/json")
          .body("field", org.hamcrest.Matchers.equalTo("hostId"));
    }
  }

  @Test
  void gapsNewestFirst() {
    JsonNode gaps = ok(api().queryParam("host", HOST).get("/api/gaps"));
    assertThat(gaps.path("truncated").asBoolean()).isFalse();
    JsonNode rows = gaps.path("rows");
    assertThat(rows.size()).isEqualTo(3);
    for (int g = 1; g <= 3; g++) {
      JsonNode row = rows.get(g - 1);
      assertThat(row.path("hostId").asText()).isEqualTo(HOST);
      assertThat(row.path("epoch").asInt()).isEqualTo(1);
      assertThat(row.path("fromId").asLong()).isEqualTo(g * 100L);
      assertThat(row.path("missing").asLong()).isEqualTo(g * 10L);
      assertThat(row.path("reason").asText()).isEqualTo("pruned");
      assertThat(Instant.parse(row.path("detectedAt").asText()))
          .isEqualTo(BASE.minus(Duration.ofHours(g)));
    }
    JsonNode narrow =
        ok(
            api()
                .queryParam("host", HOST)
                .queryParam("from", BASE.minus(Duration.ofMinutes(150)).toString())
                .get("/api/gaps"));
    assertThat(narrow.path("rows").size()).isEqualTo(2);
  }

  @Test
  void everyQueryNeedsALoggedInOperator() {
    Set<String> paths = new HashSet<>();
    paths.add("/api/activity");
    paths.add("/api/stats/models");
    paths.add("/api/stats/hosts");
    paths.add("/api/perf/" + HOST);
    paths.add("/api/gaps");
    for (String path : paths) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .contentType("application/json")
          .body("error", org.hamcrest.Matchers.notNullValue());
      given().cookie("boo_session", "forged").get(path).then().statusCode(401);
    }
  }

  @Test
  void theOpenApiDocumentListsTheQueries() {
    String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    assertThat(doc)
        .contains("/api/activity")
        .contains("/api/stats/models")
        .contains("/api/stats/hosts")
        .contains("/api/perf/{hostId}")
        .contains("/api/gaps");
  }

  private static OffsetDateTime ts(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static void exec(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    }
  }
}
