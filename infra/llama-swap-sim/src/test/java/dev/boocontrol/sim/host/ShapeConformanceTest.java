package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For every endpoint with a sample in {@code ../shared/llama-swap-samples/}, the simulator's answer
 * has the same fields, nesting and JSON types (values differ: they come from another host). Errors
 * must match byte for byte.
 */
class ShapeConformanceTest {

  /** A host shaped like the samples' config.sample.yaml, with quick timings. */
  static final String SAMPLE_LIKE_HOST =
      """
      metricsMaxInMemory: 1000
      captureBuffer: 5
      performance:
        every: 200ms
      sim:
        hostName: sample-like
        fastClock: true
      models:
        "qwen3-30b":
          name: "Qwen3 30B A3B"
          description: "general chat, Q4_K_M"
          ttl: 300
          aliases: ["qwen"]
          capabilities: {in: [text], out: [text], tools: true, context: 32768}
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
        "gemma3-12b":
          name: "Gemma 3 12B"
          capabilities: {in: [text, image], out: [text]}
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05}
        "nomic-embed":
          unlisted: true
          sim: {loadSeconds: 0.1, unloadSeconds: 0.05, promptTps: 20000}
      routing:
        router:
          settings:
            groups:
              chat: {swap: true, exclusive: false, members: ["qwen3-30b", "gemma3-12b"]}
              embed: {swap: false, exclusive: false, persistent: true, members: ["nomic-embed"]}
      """;

  static final String KEYED_HOST =
      """
      apiKeys: ["sk-test"]
      sim:
        hostName: keyed
      models:
        m:
          sim: {loadSeconds: 0.1}
      """;

  /** Fields that are Go maps of strings (their keys vary with the request). */
  private static final List<String> GO_MAPS = List.of(".req_headers", ".resp_headers", ".metadata");

  private static SimFixture sim;
  private static SimFixture keyed;
  private static long okId;
  private static long failedId;

  @BeforeAll
  static void start() throws Exception {
    sim = new SimFixture(SAMPLE_LIKE_HOST);
    keyed = new SimFixture(KEYED_HOST);
    // one success and one failure, so activity, stats and captures have rows
    HttpResponse<String> ok =
        sim.post(
            "/v1/chat/completions", chat("qwen3-30b", true, "What is the capital of France?", 12));
    assertThat(ok.statusCode()).isEqualTo(200);
    sim.post("/v1/embeddings", "{\"model\":\"nomic-embed\",\"input\":\"hello\"}");
    sim.post("/v1/chat/completions", chat("missing-model", false, "x", 1));
    JsonNode rows = sim.json(sim.get("/api/metrics/activity?order=asc"));
    okId = rows.at("/data/0/id").asLong();
    failedId = rows.at("/data/2/id").asLong();
    Thread.sleep(500); // a few perf samples
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
    keyed.close();
  }

  static Path samples() {
    String dir = System.getProperty("boo.samples.dir");
    Path p = dir != null ? Path.of(dir) : Path.of("../../../shared/llama-swap-samples");
    assertThat(p).as("llama-swap samples folder (system property boo.samples.dir)").isDirectory();
    return p;
  }

  static JsonNode sample(String name) throws Exception {
    return SimFixture.JSON.readTree(Files.readString(samples().resolve(name)));
  }

  static String sampleText(String name) throws Exception {
    return Files.readString(samples().resolve(name));
  }

  /**
   * Every field of the sample is in the answer with the same JSON type, recursively; with {@code
   * exactKeys} the answer has no field the sample lacks either. A null in the sample matches any
   * type (Go nil). Arrays: each answer element is compared with the sample's first element.
   */
  static List<String> shapeDiff(JsonNode sample, JsonNode actual, String at, boolean exactKeys) {
    List<String> diffs = new ArrayList<>();
    if (sample.isNull() || actual.isNull() && !sample.isContainerNode()) {
      return diffs;
    }
    if (GO_MAPS.stream().anyMatch(at::endsWith)) {
      // a Go map: keys are data, not fields; only the value type is the shape
      if (!actual.isObject()) {
        diffs.add(at + ": sample is a map, simulator gave " + actual.getNodeType());
      }
      actual.forEach(
          v -> {
            if (!v.isTextual()) {
              diffs.add(at + ": map values must be strings");
            }
          });
      return diffs;
    }
    if (!sameType(sample, actual)) {
      diffs.add(
          at + ": sample is " + sample.getNodeType() + ", simulator gave " + actual.getNodeType());
      return diffs;
    }
    if (sample.isObject()) {
      for (Iterator<String> it = sample.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!actual.has(f)) {
          diffs.add(at + "." + f + ": missing");
        } else {
          diffs.addAll(shapeDiff(sample.get(f), actual.get(f), at + "." + f, exactKeys));
        }
      }
      if (exactKeys) {
        for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (!sample.has(f)) {
            diffs.add(at + "." + f + ": not in the sample");
          }
        }
      }
    } else if (sample.isArray() && sample.size() > 0) {
      for (int i = 0; i < actual.size(); i++) {
        diffs.addAll(shapeDiff(sample.get(0), actual.get(i), at + "[" + i + "]", exactKeys));
      }
    }
    return diffs;
  }

  private static boolean sameType(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return true;
    }
    return a.getNodeType() == b.getNodeType();
  }

  private static void assertShape(String sampleFile, JsonNode actual, boolean exactKeys)
      throws Exception {
    assertThat(shapeDiff(sample(sampleFile), actual, sampleFile, exactKeys)).isEmpty();
  }

  @Test
  void plainEndpointsMatchTheirSamples() throws Exception {
    assertShape("http/api-version.200.json", sim.json(sim.get("/api/version")), true);
    assertShape("http/api-hardware.200.json", sim.json(sim.get("/api/hardware")), true);
    assertShape("http/running.200.json", sim.json(sim.get("/running")), true);
    assertShape(
        "http/api-metrics-activity.200.json",
        sim.json(sim.get("/api/metrics/activity?min_id=" + okId + "&max_id=" + okId)),
        true);
    assertShape("http/api-metrics-stats.200.json", sim.json(sim.get("/api/metrics/stats")), true);
    assertShape("http/api-captures-42.200.json", sim.json(sim.get("/api/captures/" + okId)), true);
    assertShape(
        "http/api-captures-40.failed-request.200.json",
        sim.json(sim.get("/api/captures/" + failedId)),
        true);
    assertShape("http/api-performance.200.json", sim.json(sim.get("/api/performance")), true);
    assertShape("http/api-profiles.200.json", sim.json(sim.get("/api/profiles")), false);
    assertThat(sim.get("/api/captures/" + failedId).body())
        .as("captures have no trailing newline")
        .endsWith("}");
    assertThat(sim.get("/api/version").body()).as("Encode() adds a newline").endsWith("}\n");
  }

  @Test
  void v1ModelsRecordsMatchTheSampleRecordOfTheSameKind() throws Exception {
    JsonNode actual = sim.json(sim.get("/v1/models"));
    JsonNode sample = sample("http/v1-models.200.json");
    assertThat(actual.fieldNames()).toIterable().containsExactly("data", "object");
    // qwen3-30b is configured like the sample's: same fields exactly
    assertThat(shapeDiff(sample.at("/data/1"), actual.at("/data/1"), "qwen3-30b", true)).isEmpty();
    assertThat(shapeDiff(sample.at("/data/0"), actual.at("/data/0"), "gemma3-12b", true)).isEmpty();
    assertThat(actual.at("/data/1/architecture/modality").asText()).isEqualTo("text->text");
    assertThat(sim.get("/v1/models").body()).contains("text-\\u003etext");
  }

  @Test
  void emptyAnswersMatchTheirSamples() throws Exception {
    try (SimFixture fresh = new SimFixture(KEYED_HOST.replace("apiKeys: [\"sk-test\"]\n", ""))) {
      assertThat(fresh.get("/api/metrics/activity").body())
          .isEqualTo(sampleText("http/api-metrics-activity.empty.200.json"));
      assertThat(fresh.get("/api/metrics/stats").body())
          .isEqualTo(sampleText("http/api-metrics-stats.empty.200.json"));
      assertThat(fresh.get("/running").body()).isEqualTo(sampleText("http/running.empty.200.json"));
      assertThat(fresh.get("/api/performance").body())
          .isEqualTo(sampleText("http/api-performance.no-samples-yet.200.json"));
    }
  }

  @Test
  void textAnswersMatchByteForByte() throws Exception {
    assertThat(sim.get("/health").body()).isEqualTo(sampleText("http/health.200.txt"));
    assertThat(sim.get("/unload").body()).isEqualTo(sampleText("http/unload.200.txt"));
    sim.post("/v1/chat/completions", chat("qwen3-30b", false, "load", 1));
    assertThat(sim.post("/api/models/unload/qwen3-30b", "").body())
        .isEqualTo(sampleText("http/api-models-unload-model.200.txt"));
    assertThat(sim.post("/api/models/unload", "").body())
        .isEqualTo(sampleText("http/api-models-unload.200.json"));
  }

  @Test
  void prometheusTextHasTheSampleMetricsAndLabels() throws Exception {
    HttpResponse<String> r = sim.get("/metrics");
    assertThat(r.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metricKeys(r.body()))
        .containsAll(
            metricKeys(sampleText("http/metrics.prometheus.200.txt")).stream()
                .filter(k -> !k.contains("core=") && !k.contains("interface="))
                .toList());
  }

  /** "name{label names}" of every sample line, values and label values ignored. */
  private static Set<String> metricKeys(String text) {
    Set<String> keys = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String series = line.substring(0, line.lastIndexOf(' '));
      String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
      StringBuilder labels = new StringBuilder();
      if (series.contains("{")) {
        for (String pair :
            series.substring(series.indexOf('{') + 1, series.length() - 1).split(",(?=[a-z_]+=)")) {
          labels.append(pair, 0, pair.indexOf('=')).append(',');
        }
      }
      keys.add(name + "{" + labels + "}");
    }
    return keys;
  }

  @Test
  void errorsMatchTheHeadSamplesByteForByte() throws Exception {
    assertThat(sim.post("/v1/chat/completions", "{\"messages\":[]}").body())
        .isEqualTo(sampleText("errors/head.404.no-model-in-request.json"));
    assertThat(sim.post("/v1/chat/completions", "{\"messages\":[]}", "Accept", "text/plain").body())
        .isEqualTo(sampleText("errors/head.404.no-model.accept-text-plain.txt"));
    assertThat(sim.post("/v1/chat/completions", chat("nope", false, "x", 1)).body())
        .isEqualTo(sampleText("errors/head.404.unknown-model.json"));
    assertThat(sim.post("/api/models/unload/nope", "").body())
        .isEqualTo(sampleText("errors/head.404.unload-unknown-model.json"));
    assertThat(sim.get("/api/captures/999999").body())
        .isEqualTo(sampleText("errors/head.404.capture-not-found.json"));
    assertThat(sim.get("/api/captures/abc").body())
        .isEqualTo(sampleText("errors/head.400.capture-bad-id.json"));
    assertThat(sim.get("/api/metrics/activity?limit=1000").body())
        .isEqualTo(sampleText("errors/head.400.activity-bad-limit.json"));
    assertThat(sim.get("/logs/stream/no-such-model").body())
        .isEqualTo(sampleText("errors/head.400.logs-stream-unknown-id.json"));
    assertThat(sim.post("/api/inflight/missing/cancel", "").body())
        .isEqualTo(sampleText("errors/head.404.inflight-not-found.json"));
    sim.post("/api/models/unload", "");
    assertThat(sim.get("/upstream/qwen3-30b/app.js").body())
        .isEqualTo(sampleText("errors/head.409.upstream-ignore-path.json"));

    HttpResponse<String> unauthorized = keyed.get("/running");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"llama-swap\"");
    assertThat(unauthorized.body()).isEqualTo(sampleText("errors/head.401.unauthorized.json"));
    assertThat(keyed.get("/running", "Authorization", "Bearer sk-test").statusCode())
        .isEqualTo(200);
    assertThat(keyed.get("/running", "x-api-key", "sk-test").statusCode()).isEqualTo(200);
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString("any:sk-test".getBytes(StandardCharsets.UTF_8));
    assertThat(keyed.get("/running", "Authorization", "Basic " + basic).statusCode())
        .isEqualTo(200);
    assertThat(keyed.get("/health").statusCode()).as("health is open").isEqualTo(200);

    sim.control("POST", "/faults/inference", "{\"status\":429,\"count\":1}");
    assertThat(sim.post("/v1/chat/completions", chat("qwen3-30b", false, "x", 1)).body())
        .isEqualTo(sampleText("errors/head.429.concurrency-limit.json"));
    sim.control("POST", "/faults/inference", "{\"status\":503,\"count\":1}");
    assertThat(sim.post("/v1/chat/completions", chat("qwen3-30b", false, "x", 1)).body())
        .isEqualTo(sampleText("errors/head.503.process-not-ready.json"));

    HttpResponse<String> unknownPath = sim.get("/api/metrics");
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(unknownPath.body()).isEqualTo("404 page not found\n");
    HttpResponse<String> wrongMethod = sim.post("/running", "");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void eventPayloadsMatchTheEventsDataSamples() throws Exception {
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      List<SseReader.Event> burst = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        burst.add(events.next(Duration.ofSeconds(3)));
      }
      assertShapeEvent("events-data/logData.proxy.json", burst.get(0));
      assertShapeEvent("events-data/logData.upstream.json", burst.get(1));
      JsonNode models = burst.get(2).data();
      JsonNode sampleModels = sample("events-data/modelStatus.json");
      assertThat(shapeDiff(sampleModels.get(2), models.get(2), "qwen3-30b", true)).isEmpty();
      assertThat(shapeDiff(sampleModels.get(0), models.get(0), "gemma3-12b", true)).isEmpty();
      assertShapeEvent("events-data/uiConfig.json", burst.get(3));
      assertShapeEvent("events-data/profileChanged.none.json", burst.get(4));
      assertThat(burst.get(5).data().toString())
          .isEqualTo(sample("events-data/inflight.snapshot-empty.json").toString());

      sim.post("/v1/chat/completions", chat("qwen3-30b", true, "hi", 3));
      SseReader.Event upsert;
      do { // the upsert sent when response headers arrive, as in the sample
        upsert = events.next(Duration.ofSeconds(3), List.of("inflight"));
      } while (upsert.data().at("/request/resp_headers").size() == 0);
      assertThat(
              shapeDiff(sample("events-data/inflight.upsert.json"), upsert.data(), "upsert", true))
          .isEmpty();
      SseReader.Event activity = events.next(Duration.ofSeconds(3), List.of("activity"));
      assertShapeEvent("events-data/activity.json", activity);
      SseReader.Event remove;
      do {
        remove = events.next(Duration.ofSeconds(3), List.of("inflight"));
      } while (!remove.data().path("operation").asText().equals("remove"));
      assertShapeEvent("events-data/inflight.remove.json", remove);
    }
  }

  private static void assertShapeEvent(String sampleFile, SseReader.Event e) throws Exception {
    assertThat(shapeDiff(sample(sampleFile), e.data(), sampleFile, true)).isEmpty();
  }

  @Test
  void upstreamPayloadsMatchTheLlamaCppSamples() throws Exception {
    List<JsonNode> sampleChunks = new ArrayList<>();
    for (String line :
        sampleText("upstream/v1-chat-completions.stream.llamacpp.sse.txt").split("\n")) {
      if (line.startsWith("data: {")) {
        sampleChunks.add(SimFixture.JSON.readTree(line.substring(6)));
      }
    }
    List<JsonNode> chunks = new ArrayList<>();
    HttpResponse<java.io.InputStream> r =
        sim.http.send(
            HttpRequest.newBuilder(URI.create(sim.url("/v1/chat/completions")))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        chat("qwen3-30b", true, "What is the capital of France?", 12)))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: {")) {
          chunks.add(SimFixture.JSON.readTree(line.substring(6)));
        }
      }
    }
    assertThat(chunks).hasSameSizeAs(sampleChunks);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(shapeDiff(sampleChunks.get(i), chunks.get(i), "chunk " + i, true)).isEmpty();
    }
    assertThat(
            shapeDiff(
                sample("upstream/v1-chat-completions.nonstream.llamacpp.200.json"),
                sim.json(sim.post("/v1/chat/completions", chat("qwen3-30b", false, "x", 12))),
                "nonstream",
                true))
        .isEmpty();
    assertThat(
            shapeDiff(
                sample("upstream/v1-embeddings.llamacpp.200.json"),
                sim.json(sim.post("/v1/embeddings", "{\"model\":\"nomic-embed\",\"input\":\"x\"}")),
                "embeddings",
                true))
        .isEmpty();
    assertThat(
            shapeDiff(
                sample("upstream/v1-completions.nonstream.llamacpp.200.json"),
                sim.json(
                    sim.post(
                        "/v1/completions",
                        "{\"model\":\"qwen3-30b\",\"prompt\":\"x\",\"max_tokens\":3}")),
                "completions",
                false))
        .isEmpty();
    JsonNode props = sim.json(sim.get("/upstream/qwen3-30b/props"));
    assertThat(props.at("/default_generation_settings/n_ctx").asInt()).isEqualTo(32768);
    for (String field :
        List.of("total_slots", "model_path", "chat_template", "modalities", "build_info")) {
      assertThat(props.has(field)).as(field).isTrue();
    }
  }
}
