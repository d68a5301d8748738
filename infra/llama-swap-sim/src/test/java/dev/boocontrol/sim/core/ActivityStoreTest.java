package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityStoreTest {

  private static final Instant T0 = Instant.parse("2026-08-22T16:00:00Z");

  /** Rows 40..42 of the sample scenario. */
  private static final ActivityDraft ROW_40 =
      new ActivityDraft(
          Instant.parse("2026-08-22T16:26:02.731Z"),
          "gpt-4o",
          "/v1/chat/completions",
          "application/json",
          404,
          ActivityTokens.none(),
          0,
          true,
          "no router for requested model",
          Map.of());

  private static final ActivityDraft ROW_41 =
      new ActivityDraft(
          Instant.parse("2026-08-22T16:27:31Z"),
          "nomic-embed",
          "/v1/embeddings",
          "application/json; charset=utf-8",
          200,
          new ActivityTokens(-1, -1, -1, 9, 0, -1, -1),
          31,
          true,
          "",
          Map.of("fifo_priority", "0"));

  private static final ActivityDraft ROW_42 =
      new ActivityDraft(
          Instant.parse("2026-08-22T16:30:14.999999Z"),
          "qwen3-30b",
          "/v1/chat/completions",
          "text/event-stream",
          200,
          ActivityTokens.llamaCpp(1024, 412, 12, 1058.5436289547652, 44.70788982485684),
          16646,
          true,
          null,
          Map.of("fifo_priority", "0"));

  /** A store that saw 42 requests but keeps only the newest 3 (rows 40, 41, 42). */
  private static ActivityStore sampleStore() {
    ActivityStore store = new ActivityStore(3);
    for (int i = 1; i <= 39; i++) {
      store.add(draft(T0, "filler", 200, 1, 1));
    }
    store.add(ROW_40);
    store.add(ROW_41);
    store.add(ROW_42);
    return store;
  }

  private static ActivityDraft draft(Instant at, String model, int status, double pps, double tps) {
    return new ActivityDraft(
        at,
        model,
        "/v1/chat/completions",
        "application/json",
        status,
        ActivityTokens.llamaCpp(0, 10, 5, pps, tps),
        100,
        false,
        "",
        Map.of());
  }

  private static Map<String, List<String>> params(String... pairs) {
    Map<String, List<String>> out = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return out;
  }

  @Test
  void activityPageMatchesSampleByteForByte() {
    ActivityStore store = sampleStore();
    assertThat(store.lastId()).isEqualTo(42);
    assertThat(store.size()).isEqualTo(3);
    ActivityPage page = store.query(ActivityStore.parseQuery(Map.of()));
    assertThat(GoJson.write(page) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-activity.200.json"));
  }

  @Test
  void minIdPageMatchesSampleByteForByte() {
    ActivityPage page = sampleStore().query(ActivityStore.parseQuery(params("min_id", "42")));
    assertThat(GoJson.write(page) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-activity.min_id-42.200.json"));
  }

  @Test
  void emptyPageMatchesSample() {
    ActivityPage page = new ActivityStore(1000).query(ActivityQuery.defaults());
    assertThat(page.data()).isEmpty();
    assertThat(page.totalPages()).isZero();
    assertThat(GoJson.write(page) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-activity.empty.200.json"));
  }

  @Test
  void statsMatchSampleByteForByte() {
    ActivityStore store = sampleStore();
    assertThat(GoJson.write(store.stats(Optional.empty())) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-stats.200.json"));
    assertThat(GoJson.write(new ActivityStore(10).stats(Optional.empty())) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-stats.empty.200.json"));
  }

  @Test
  void idsStartAtOneAndPruningKeepsTheNewest() {
    ActivityStore store = new ActivityStore(2);
    assertThat(store.lastId()).isZero();
    ActivityRow first = store.add(draft(T0, "a", 200, 1, 1));
    assertThat(first.id()).isEqualTo(1);
    store.add(draft(T0, "a", 200, 1, 1));
    store.add(draft(T0, "a", 200, 1, 1));
    assertThat(store.lastId()).isEqualTo(3);
    assertThat(store.get(1)).isEmpty();
    assertThat(store.query(ActivityQuery.defaults()).data())
        .extracting(ActivityRow::id)
        .containsExactly(3L, 2L);
  }

  @Test
  void nonPositiveCapKeepsEverything() {
    ActivityStore store = new ActivityStore(0);
    for (int i = 0; i < 1500; i++) {
      store.add(draft(T0, "a", 200, 1, 1));
    }
    assertThat(store.size()).isEqualTo(1500);
    assertThat(store.query(ActivityQuery.defaults()).total()).isEqualTo(1500);
  }

  @Test
  void timestampsAreStoredAtWholeSeconds() {
    ActivityStore store = new ActivityStore(10);
    ActivityRow row =
        store.add(draft(Instant.parse("2026-08-22T16:30:14.987654321Z"), "a", 200, 1, 1));
    assertThat(row.timestamp()).isEqualTo(Instant.parse("2026-08-22T16:30:14Z"));
    assertThat(GoJson.write(row)).contains("\"timestamp\":\"2026-08-22T16:30:14Z\"");
  }

  @Test
  void hasCaptureIsDecidedByTheCaller() {
    ActivityRow row = sampleStore().get(42).orElseThrow();
    assertThat(row.hasCapture()).isTrue();
    ActivityRow without = row.withHasCapture(false);
    assertThat(without.hasCapture()).isFalse();
    assertThat(without.id()).isEqualTo(42);
    assertThat(GoJson.write(without)).contains("\"has_capture\":false,\"metadata\"");
    assertThat(row.withHasCapture(true)).isSameAs(row);
  }

  @Test
  void errorMessageAndMetadataAreOmittedWhenEmpty() {
    ActivityRow row = new ActivityStore(5).add(draft(T0, "a", 200, 1, 1));
    assertThat(GoJson.write(row)).endsWith("\"duration_ms\":100,\"has_capture\":false}");
  }

  @Test
  void convenienceDraftUsesZeroTokensOnlyWithoutUsage() {
    ActivityDraft failed =
        ActivityDraft.of(
            T0,
            "x",
            "/v1/chat/completions",
            "application/json",
            500,
            0,
            0,
            0,
            0,
            0,
            5,
            "boom",
            Map.of());
    assertThat(failed.tokens()).isEqualTo(ActivityTokens.none());
    ActivityDraft ok =
        ActivityDraft.of(
            T0,
            "x",
            "/v1/chat/completions",
            "text/event-stream",
            200,
            10,
            20,
            30,
            100.5,
            40,
            700,
            "",
            Map.of("fifo_priority", "0"));
    assertThat(ok.tokens()).isEqualTo(new ActivityTokens(10, -1, -1, 20, 30, 100.5, 40));
  }

  // ---- parseQuery ----

  @Test
  void defaultsWhenNothingIsGiven() {
    ActivityQuery q = ActivityStore.parseQuery(Map.of());
    assertThat(q).isEqualTo(ActivityQuery.defaults());
    assertThat(q.limit()).isEqualTo(25);
    assertThat(q.page()).isEqualTo(1);
    assertThat(q.sort()).isEqualTo("id");
    assertThat(q.ascending()).isFalse();
  }

  @Test
  void parsesEveryParameter() {
    ActivityQuery q =
        ActivityStore.parseQuery(
            params(
                "model", " a ",
                "model", "",
                "model", "b",
                "start", "2026-08-22T16:00:00Z",
                "end", "2026-08-22T18:00:00.5+02:00",
                "min_id", "3",
                "max_id", " 9 ",
                "limit", "999",
                "page", "2",
                "sort", "gen_speed",
                "order", "ASC"));
    assertThat(q.models()).containsExactly("a", "b");
    assertThat(q.start()).isEqualTo(Instant.parse("2026-08-22T16:00:00Z"));
    assertThat(q.end()).isEqualTo(Instant.parse("2026-08-22T16:00:00.5Z"));
    assertThat(q.minId()).isEqualTo(3);
    assertThat(q.maxId()).isEqualTo(9);
    assertThat(q.limit()).isEqualTo(999);
    assertThat(q.page()).isEqualTo(2);
    assertThat(q.sort()).isEqualTo("gen_speed");
    assertThat(q.ascending()).isTrue();
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit|abc|invalid limit",
        "limit|1.5|invalid limit",
        "limit|1000|limit must be between 1 and 999",
        "limit|0|limit must be between 1 and 999",
        "limit|-3|limit must be between 1 and 999",
        "page|0|page must be >= 1",
        "page|x|page must be >= 1",
        "sort|tokens|invalid sort column",
        "sort|ID|invalid sort column",
        "order|up|order must be asc or desc",
        "min_id|0|min_id must be >= 1",
        "min_id|abc|min_id must be >= 1",
        "max_id|-1|max_id must be >= 1",
        "start|yesterday|invalid 'start' timestamp, use RFC3339 format",
        "start|2026-08-22|invalid 'start' timestamp, use RFC3339 format",
        "start|2026-08-22T16:30Z|invalid 'start' timestamp, use RFC3339 format",
        "start|2026-08-22 16:30:00Z|invalid 'start' timestamp, use RFC3339 format",
        "end|1787416214|invalid 'end' timestamp, use RFC3339 format",
      })
  void rejectsBadParametersWithLlamaSwapMessages(String name, String value, String message) {
    assertThatThrownBy(() -> ActivityStore.parseQuery(params(name, value)))
        .isInstanceOf(ActivityQueryException.class)
        .hasMessage(message);
  }

  @Test
  void crossChecksUseLlamaSwapMessages() {
    assertThatThrownBy(
            () ->
                ActivityStore.parseQuery(
                    params("start", "2026-08-22T17:00:00Z", "end", "2026-08-22T16:00:00Z")))
        .hasMessage("start must be before end");
    assertThatThrownBy(() -> ActivityStore.parseQuery(params("min_id", "5", "max_id", "4")))
        .hasMessage("min_id must be <= max_id");
    ActivityQuery same =
        ActivityStore.parseQuery(
            params("start", "2026-08-22T16:00:00Z", "end", "2026-08-22T16:00:00Z"));
    assertThat(same.start()).isEqualTo(same.end());
  }

  @Test
  void checksRunInLlamaSwapOrder() {
    assertThatThrownBy(
            () -> ActivityStore.parseQuery(params("order", "x", "limit", "0", "min_id", "0")))
        .hasMessage("min_id must be >= 1");
    assertThatThrownBy(() -> ActivityStore.parseQuery(params("order", "x", "sort", "bad")))
        .hasMessage("invalid sort column");
    assertThatThrownBy(() -> ActivityStore.parseQuery(params("page", "0", "limit", "abc")))
        .hasMessage("invalid limit");
  }

  @Test
  void blankValuesCountAsAbsent() {
    assertThat(ActivityStore.parseQuery(params("limit", " ", "order", "", "sort", "")))
        .isEqualTo(ActivityQuery.defaults());
  }

  // ---- query ----

  @Test
  void filtersByModelsTimeAndIds() {
    ActivityStore store = new ActivityStore(100);
    store.add(draft(Instant.parse("2026-08-22T16:00:00Z"), "a", 200, 1, 1)); // 1
    store.add(draft(Instant.parse("2026-08-22T16:00:01.900Z"), "b", 200, 1, 1)); // 2
    store.add(draft(Instant.parse("2026-08-22T16:00:02Z"), "c", 200, 1, 1)); // 3
    store.add(draft(Instant.parse("2026-08-22T16:00:03Z"), "a", 200, 1, 1)); // 4

    assertThat(ids(store, params("model", "a", "model", "c"))).containsExactly(4L, 3L, 1L);
    // start/end are inclusive and compared at whole seconds
    assertThat(
            ids(store, params("start", "2026-08-22T16:00:01.5Z", "end", "2026-08-22T16:00:02.2Z")))
        .containsExactly(3L, 2L);
    assertThat(ids(store, params("min_id", "2", "max_id", "3"))).containsExactly(3L, 2L);
    assertThat(ids(store, params("model", "zzz"))).isEmpty();
  }

  @Test
  void sortsByEveryColumnWithTiesBrokenById() {
    ActivityStore store = new ActivityStore(100);
    store.add(
        row(
            Instant.parse("2026-08-22T16:00:05Z"),
            "b",
            "/v1/embeddings",
            200,
            "text/b",
            new ActivityTokens(5, -1, -1, 30, 7, 100, 20),
            300)); // 1
    store.add(
        row(
            Instant.parse("2026-08-22T16:00:01Z"),
            "a",
            "/v1/chat/completions",
            404,
            "text/a",
            new ActivityTokens(0, 0, 0, 0, 0, 0, 0),
            10)); // 2
    store.add(
        row(
            Instant.parse("2026-08-22T16:00:03Z"),
            "b",
            "/v1/completions",
            500,
            "text/c",
            new ActivityTokens(9, 4, 2, 10, 9, 50, 30),
            200)); // 3
    store.add(
        row(
            Instant.parse("2026-08-22T16:00:03Z"),
            "a",
            "/v1/chat/completions",
            200,
            "text/a",
            new ActivityTokens(5, -1, -1, 10, 1, 75, 10),
            300)); // 4

    assertThat(sorted(store, "id", "asc")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sorted(store, "time", "asc")).containsExactly(2L, 3L, 4L, 1L);
    assertThat(sorted(store, "time", "desc")).containsExactly(1L, 4L, 3L, 2L);
    assertThat(sorted(store, "model", "asc")).containsExactly(2L, 4L, 1L, 3L);
    assertThat(sorted(store, "req_path", "asc")).containsExactly(2L, 4L, 3L, 1L);
    assertThat(sorted(store, "resp_status_code", "desc")).containsExactly(3L, 2L, 4L, 1L);
    assertThat(sorted(store, "resp_content_type", "asc")).containsExactly(2L, 4L, 1L, 3L);
    assertThat(sorted(store, "cached", "asc")).containsExactly(2L, 1L, 4L, 3L);
    assertThat(sorted(store, "prompt", "desc")).containsExactly(1L, 4L, 3L, 2L);
    assertThat(sorted(store, "generated", "asc")).containsExactly(2L, 4L, 1L, 3L);
    assertThat(sorted(store, "drafted", "asc")).containsExactly(1L, 4L, 2L, 3L);
    assertThat(sorted(store, "prompt_speed", "asc")).containsExactly(2L, 3L, 4L, 1L);
    assertThat(sorted(store, "gen_speed", "desc")).containsExactly(3L, 1L, 4L, 2L);
    assertThat(sorted(store, "duration", "desc")).containsExactly(4L, 1L, 3L, 2L);
  }

  @Test
  void pagesAndCountsPages() {
    ActivityStore store = new ActivityStore(100);
    for (int i = 0; i < 7; i++) {
      store.add(draft(T0, "a", 200, 1, 1));
    }
    ActivityPage second = store.query(ActivityStore.parseQuery(params("limit", "3", "page", "2")));
    assertThat(second.data()).extracting(ActivityRow::id).containsExactly(4L, 3L, 2L);
    assertThat(second.total()).isEqualTo(7);
    assertThat(second.totalPages()).isEqualTo(3);
    assertThat(second.page()).isEqualTo(2);
    assertThat(second.limit()).isEqualTo(3);
    ActivityPage last = store.query(ActivityStore.parseQuery(params("limit", "3", "page", "3")));
    assertThat(last.data()).extracting(ActivityRow::id).containsExactly(1L);
    ActivityPage beyond = store.query(ActivityStore.parseQuery(params("limit", "3", "page", "9")));
    assertThat(beyond.data()).isEmpty();
    assertThat(beyond.total()).isEqualTo(7);
    assertThat(GoJson.write(beyond))
        .isEqualTo("{\"data\":[],\"page\":9,\"limit\":3,\"total\":7,\"total_pages\":3}");
    ActivityPage cursor = store.query(ActivityQuery.since(6, true, 999));
    assertThat(cursor.data()).extracting(ActivityRow::id).containsExactly(6L, 7L);
  }

  // ---- stats ----

  @Test
  void statsTotalsCoverEveryRowAndCacheOnlyPositive() {
    ActivityStore store = new ActivityStore(100);
    store.add(row(T0, "a", "/p", 200, "x", new ActivityTokens(100, -1, -1, 10, 5, 0, -1), 1));
    store.add(row(T0, "a", "/p", 200, "x", new ActivityTokens(-1, -1, -1, 20, 6, -1, 0), 1));
    store.add(row(T0, "b", "/p", 500, "x", ActivityTokens.none(), 1));
    Stats all = store.stats(Optional.empty());
    assertThat(all.totalRequests()).isEqualTo(3);
    assertThat(all.totalInputTokens()).isEqualTo(30);
    assertThat(all.totalOutputTokens()).isEqualTo(11);
    assertThat(all.totalCacheTokens()).isEqualTo(100);
    assertThat(all.promptHistogram()).isNull();
    assertThat(all.genHistogram()).isNull();
    Stats onlyB = store.stats(Optional.of(" b "));
    assertThat(onlyB.totalRequests()).isEqualTo(1);
    assertThat(store.stats(Optional.of("")).totalRequests()).isEqualTo(3);
    assertThat(GoJson.write(all))
        .isEqualTo(
            "{\"total_requests\":3,\"total_input_tokens\":30,\"total_output_tokens\":11,"
                + "\"total_cache_tokens\":100,\"prompt_histogram\":null,\"gen_histogram\":null}");
  }

  @Test
  void histogramUsesSturgesBinsAndLinearPercentiles() {
    ActivityStore store = new ActivityStore(1000);
    for (int v = 1; v <= 10; v++) {
      store.add(draft(T0, "a", 200, v * 10.0, v));
    }
    Stats stats = store.stats(Optional.empty());
    Histogram gen = stats.genHistogram();
    // n=10: ceil(log2 10)+1 = 5 bins of (10-1)/5
    assertThat(gen.bins()).containsExactly(2, 2, 2, 2, 2);
    assertThat(gen.min()).isEqualTo(1);
    assertThat(gen.max()).isEqualTo(10);
    assertThat(gen.binSize()).isCloseTo(1.8, within(1e-12));
    assertThat(gen.p50()).isCloseTo(5.5, within(1e-12));
    assertThat(gen.p95()).isCloseTo(9.55, within(1e-12));
    assertThat(gen.p99()).isCloseTo(9.91, within(1e-12));
    assertThat(stats.promptHistogram().p50()).isCloseTo(55, within(1e-12));
  }

  @Test
  void histogramBinCountIsClampedBetweenFiveAndTwenty() {
    assertThat(histogramOf(2).bins()).hasSize(5);
    assertThat(histogramOf(100).bins()).hasSize(8); // ceil(log2 100) + 1
    Histogram big = histogramOf(1_000_000);
    assertThat(big.bins()).hasSize(20);
    assertThat(big.bins().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000_000);
    assertThat(big.bins().get(19)).isPositive(); // the maximum lands in the last bin
  }

  @Test
  void equalValuesGiveOneBinOfSizeZero() {
    ActivityStore store = new ActivityStore(10);
    store.add(draft(T0, "a", 200, 7, 3));
    store.add(draft(T0, "a", 200, 7, 3));
    Histogram h = store.stats(Optional.empty()).genHistogram();
    assertThat(h).isEqualTo(new Histogram(List.of(2), 3, 3, 0, 3, 3, 3));
  }

  private static Histogram histogramOf(int n) {
    List<ActivityRow> rows = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          new ActivityRow(
              i + 1,
              T0,
              "a",
              "/",
              "x",
              200,
              new ActivityTokens(0, 0, 0, 0, 0, 1 + i, 0),
              0,
              false,
              "",
              Map.of()));
    }
    return ActivityStore.histogram(rows, r -> r.tokens().promptPerSecond());
  }

  private static ActivityDraft row(
      Instant at,
      String model,
      String path,
      int status,
      String contentType,
      ActivityTokens tokens,
      long duration) {
    return new ActivityDraft(
        at, model, path, contentType, status, tokens, duration, false, "", Map.of());
  }

  private static List<Long> ids(ActivityStore store, Map<String, List<String>> params) {
    return store.query(ActivityStore.parseQuery(params)).data().stream()
        .map(ActivityRow::id)
        .toList();
  }

  private static List<Long> sorted(ActivityStore store, String sort, String order) {
    return ids(store, params("sort", sort, "order", order));
  }
}
