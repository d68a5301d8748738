package dev.boocontrol.llamaswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.SampleParser;
import dev.boocontrol.llamaswap.core.Samples;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import dev.boocontrol.llamaswap.core.error.NotFoundKind;
import dev.boocontrol.llamaswap.core.model.ActivityPage;
import dev.boocontrol.llamaswap.core.model.ActivityQuery;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.Capture;
import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.Performance;
import dev.boocontrol.llamaswap.core.model.Version;
import dev.boocontrol.llamaswap.core.prometheus.PrometheusSample;
import dev.boocontrol.llamaswap.core.upstream.ChatStreamParser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LlamaSwapClientTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String KEY = "sk-test-123";

  private TestHost host;
  private Vertx vertx;
  private LlamaSwapClient client;

  @BeforeEach
  void start() throws Exception {
    host = new TestHost().requireKey(KEY);
    vertx = Vertx.vertx();
    client = newClient(ClientOptions.defaults());
  }

  private LlamaSwapClient newClient(ClientOptions options) {
    return new LlamaSwapClient(vertx, HostTarget.of("h1", host.baseUri(), KEY), options);
  }

  @AfterEach
  void stop() throws Exception {
    client.close().await().atMost(WAIT);
    vertx.closeAndAwait();
    host.close();
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }

  @Test
  void sendsTheBearerKeyAndReadsJsonEndpoints() {
    host.sample("GET /api/version", 200, "application/json", "http/api-version.200.json")
        .sample("GET /running", 200, "application/json", "http/running.200.json")
        .sample("GET /v1/models", 200, "application/json", "http/v1-models.200.json")
        .sample("GET /api/hardware", 200, "application/json", "http/api-hardware.200.json")
        .sample(
            "GET /api/metrics/stats", 200, "application/json", "http/api-metrics-stats.200.json")
        .sample("GET /api/profiles", 200, "application/json", "http/api-profiles.200.json");

    assertThat(await(client.version()).releaseNumber()).hasValue(250);
    assertThat(await(client.running()).find("qwen3-30b").orElseThrow().state())
        .isEqualTo(ModelState.READY);
    assertThat(await(client.v1Models()).data()).hasSize(3);
    assertThat(await(client.hardware()).cpu().physicalCoreCount()).isEqualTo(8);
    assertThat(await(client.stats(Optional.of("qwen3-30b"))).totalRequests()).isEqualTo(3);
    assertThat(await(client.profiles()).profiles()).hasSize(1);

    assertThat(host.seen)
        .hasSize(6)
        .allSatisfy(
            seen -> {
              assertThat(seen.headers().get("Authorization")).isEqualTo("Bearer " + KEY);
              assertThat(seen.headers().get("User-Agent"))
                  .isEqualTo("boocontrol-llama-swap-client");
            });
    assertThat(host.seen("/api/metrics/stats").get(0).uri())
        .isEqualTo("/api/metrics/stats?model=qwen3-30b");
  }

  @Test
  void aWrongKeyFailsWithUnauthorized() {
    host.sample("GET /running", 200, "application/json", "http/running.200.json");
    LlamaSwapClient wrongKey =
        new LlamaSwapClient(
            vertx, HostTarget.of("h1", host.baseUri(), "nope"), ClientOptions.defaults());
    Throwable failure = catchThrowable(() -> await(wrongKey.running()));
    assertThat(failure).isInstanceOf(LlamaSwapException.Unauthorized.class);
    assertThat(((LlamaSwapException) failure).status()).isEqualTo(401);
    assertThat(failure).hasMessage("unauthorized: invalid or missing API key");
    await(wrongKey.close());
  }

  @Test
  void everyErrorSampleBecomesItsTypedFailure() {
    Map<String, Class<? extends LlamaSwapException>> expected = new LinkedHashMap<>();
    expected.put("errors/head.400.activity-bad-limit.json", LlamaSwapException.BadRequest.class);
    expected.put("errors/head.400.capture-bad-id.json", LlamaSwapException.BadRequest.class);
    expected.put(
        "errors/head.400.logs-stream-unknown-id.json", LlamaSwapException.BadRequest.class);
    expected.put("errors/head.401.unauthorized.json", LlamaSwapException.Unauthorized.class);
    expected.put("errors/head.404.capture-not-found.json", LlamaSwapException.NotFound.class);
    expected.put("errors/head.404.inflight-not-found.json", LlamaSwapException.NotFound.class);
    expected.put("errors/head.404.no-model-in-request.json", LlamaSwapException.NotFound.class);
    expected.put(
        "errors/head.404.no-model.accept-text-plain.txt", LlamaSwapException.NotFound.class);
    expected.put("errors/head.404.unknown-model.json", LlamaSwapException.NotFound.class);
    expected.put("errors/head.404.unload-unknown-model.json", LlamaSwapException.NotFound.class);
    expected.put("errors/head.409.upstream-ignore-path.json", LlamaSwapException.Conflict.class);
    expected.put("errors/head.429.concurrency-limit.json", LlamaSwapException.RateLimited.class);
    expected.put("errors/head.503.hardware-unavailable.json", LlamaSwapException.Unavailable.class);
    expected.put(
        "errors/head.503.process-not-ready.json", LlamaSwapException.ProcessNotReady.class);
    expected.put("errors/legacy-v179-v217.401.json", LlamaSwapException.Unauthorized.class);
    expected.put(
        "errors/v218-v224.404.no-model-in-request.json", LlamaSwapException.NotFound.class);
    expected.put(
        "errors/v218-v250.503.process-not-ready.txt", LlamaSwapException.ProcessNotReady.class);
    expected.put(
        "errors/v225-v250.404.no-model-in-request.json", LlamaSwapException.NotFound.class);
    expected.put("errors/v225-v250.404.unknown-model.json", LlamaSwapException.NotFound.class);
    expected.put(
        "errors/v227-v250.429.concurrency-limit.json", LlamaSwapException.RateLimited.class);
    assertThat(expected.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Samples.allFiles().stream().filter(f -> f.startsWith("errors/")).toList());

    for (Map.Entry<String, Class<? extends LlamaSwapException>> entry : expected.entrySet()) {
      String file = entry.getKey();
      int status = SampleParser.statusOf(file);
      String contentType = file.endsWith(".txt") ? "text/plain; charset=utf-8" : "application/json";
      host.route(
          "GET /api/version",
          req -> {
            if (status == 429) {
              req.response().putHeader("Retry-After", "1");
            }
            TestHost.send(req.response(), status, contentType, Samples.bytes(file));
          });
      Throwable failure = catchThrowable(() -> await(client.version()));
      LlamaSwapException fromSample = (LlamaSwapException) SampleParser.ERROR_BODY.parse(file);
      assertThat(failure).as(file).isInstanceOf(entry.getValue());
      LlamaSwapException typed = (LlamaSwapException) failure;
      assertThat(typed.status()).as(file).isEqualTo(status);
      assertThat(typed.getMessage()).as(file).isEqualTo(fromSample.getMessage()).isNotBlank();
      assertThat(typed.fromLlamaSwap()).as(file).isTrue();
      if (typed instanceof LlamaSwapException.RateLimited limited) {
        assertThat(limited.retryAfter()).as(file).contains(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void activityAfterPagesThroughThreePagesByLastId() {
    ActivityRow template =
        SampleParser.ACTIVITY_PAGE
            .parse("http/api-metrics-activity.min_id-42.200.json", ActivityPage.class)
            .data()
            .get(0);
    assertThat(template.id()).isEqualTo(42);
    String rowJson = Samples.text("http/api-metrics-activity.min_id-42.200.json");
    String rowTemplate = rowJson.substring(rowJson.indexOf("[{") + 1, rowJson.indexOf("}],") + 1);
    int rows = 2500;
    host.route(
        "GET /api/metrics/activity",
        req -> {
          long minId = Long.parseLong(req.getParam("min_id", "1"));
          int limit = Integer.parseInt(req.getParam("limit", "25"));
          assertThat(req.getParam("order")).isEqualTo("asc");
          List<String> matching = new ArrayList<>();
          for (long id = Math.max(minId, 1); id <= rows; id++) {
            matching.add(rowTemplate.replace("\"id\":42", "\"id\":" + id));
          }
          List<String> page = matching.subList(0, Math.min(limit, matching.size()));
          String body =
              "{\"data\":["
                  + String.join(",", page)
                  + "],\"page\":1,\"limit\":"
                  + limit
                  + ",\"total\":"
                  + matching.size()
                  + ",\"total_pages\":"
                  + (matching.size() + limit - 1) / limit
                  + "}\n";
          TestHost.send(
              req.response(), 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        });

    List<ActivityRow> all = client.activityAfter(0).collect().asList().await().atMost(WAIT);
    assertThat(all).hasSize(rows);
    assertThat(all)
        .extracting(ActivityRow::id)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, rows).mapToObj(Long::valueOf).toList());
    assertThat(all.get(2499).tokens()).isEqualTo(template.tokens());
    assertThat(host.seen("/api/metrics/activity"))
        .extracting(TestHost.Seen::uri)
        .containsExactly(
            "/api/metrics/activity?min_id=1&limit=999&sort=id&order=asc",
            "/api/metrics/activity?min_id=1000&limit=999&sort=id&order=asc",
            "/api/metrics/activity?min_id=1999&limit=999&sort=id&order=asc");

    host.seen.clear();
    assertThat(client.activityAfter(2400).collect().asList().await().atMost(WAIT)).hasSize(100);
    assertThat(client.activityAfter(2500).collect().asList().await().atMost(WAIT)).isEmpty();
    assertThat(host.seen("/api/metrics/activity")).hasSize(2);

    ActivityPage page =
        await(
            client.activity(
                ActivityQuery.builder().minId(10).limit(5).order(ActivityQuery.Order.ASC).build()));
    assertThat(page.data()).extracting(ActivityRow::id).containsExactly(10L, 11L, 12L, 13L, 14L);
  }

  @Test
  void captureIsEmptyOn404() {
    host.sample("GET /api/captures/42", 200, "application/json", "http/api-captures-42.200.json")
        .sample(
            "GET /api/captures/999",
            404,
            "application/json",
            "errors/head.404.capture-not-found.json");
    Optional<Capture> found = await(client.capture(42));
    assertThat(found).isPresent();
    assertThat(found.get().responseBodyText().orElseThrow()).startsWith("data: {\"choices\"");
    assertThat(await(client.capture(999))).isEmpty();
  }

  @Test
  void versionIsEmptyOnAHostWithoutTheEndpointAndOddValuesAreKept() {
    host.sample("GET /api/version", 200, "application/json", "http/api-version.200.json");
    Version release = await(client.versionIfServed()).orElseThrow();
    assertThat(release.version()).isEqualTo("v250-5-g0bdb37");
    assertThat(release.commit()).isNotBlank();

    // A plain go build, and a number where a string belongs: tolerated, not parsed.
    host.route(
        "GET /api/version",
        req ->
            TestHost.send(
                req.response(),
                200,
                "application/json",
                "{\"build_date\":\"unknown\",\"commit\":\"abcd1234\",\"version\":0}\n"
                    .getBytes(StandardCharsets.UTF_8)));
    Version odd = await(client.versionIfServed()).orElseThrow();
    assertThat(odd.version()).isEqualTo("0");
    assertThat(odd.releaseNumber()).isEmpty();
    assertThat(odd.buildTime()).isEmpty();

    // Before v173 the path is unknown: the mux's plain-text 404.
    host.route(
        "GET /api/version",
        req ->
            TestHost.send(
                req.response(),
                404,
                "text/plain; charset=utf-8",
                "404 page not found\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(await(client.versionIfServed())).isEmpty();

    host.route(
        "GET /api/version",
        req ->
            TestHost.send(
                req.response(), 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8)));
    assertThat(catchThrowable(() -> await(client.versionIfServed())))
        .isInstanceOf(LlamaSwapException.class);
  }

  @Test
  void healthIsTrueOnlyForOk() throws Exception {
    host.sample("GET /health", 200, "text/plain", "http/health.200.txt");
    assertThat(await(client.health())).isTrue();
    host.route(
        "GET /health", req -> TestHost.send(req.response(), 503, "text/plain", "down".getBytes()));
    assertThat(await(client.health())).isFalse();

    int closedPort = host.port();
    host.close();
    LlamaSwapClient unreachable =
        new LlamaSwapClient(
            vertx,
            HostTarget.of("gone", "http://127.0.0.1:" + closedPort),
            ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(2)));
    assertThatThrownBy(() -> await(unreachable.health())).isNotInstanceOf(LlamaSwapException.class);
    await(unreachable.close());
    host = new TestHost(); // for stop()
  }

  @Test
  void unloadAndCancelEndpointsWithEncodedModelPaths() {
    host.sample("GET /unload", 200, "text/plain; charset=utf-8", "http/unload.200.txt")
        .sample(
            "POST /api/models/unload", 200, "application/json", "http/api-models-unload.200.json")
        .sample(
            "POST /api/models/unload/strix/gpt-oss-120b",
            200,
            "text/plain",
            "http/api-models-unload-model.200.txt")
        .sample(
            "POST /api/models/unload/my%20model",
            404, "application/json", "errors/head.404.unload-unknown-model.json")
        .sample(
            "POST /api/inflight/7/cancel",
            200,
            "application/json",
            "http/api-inflight-cancel.200.json")
        .sample(
            "POST /api/inflight/8/cancel",
            404,
            "application/json",
            "errors/head.404.inflight-not-found.json");

    await(client.unloadAll());
    await(client.apiUnloadAll());
    await(client.unloadModel("strix/gpt-oss-120b"));
    Throwable unknown = catchThrowable(() -> await(client.unloadModel("my model")));
    assertThat(unknown)
        .isInstanceOfSatisfying(
            LlamaSwapException.NotFound.class,
            e -> assertThat(e.kind()).isEqualTo(NotFoundKind.MODEL_NOT_FOUND));
    await(client.cancelInflight("7"));
    Throwable gone = catchThrowable(() -> await(client.cancelInflight("8")));
    assertThat(gone)
        .isInstanceOfSatisfying(
            LlamaSwapException.NotFound.class,
            e -> assertThat(e.kind()).isEqualTo(NotFoundKind.INFLIGHT_NOT_FOUND));

    assertThat(host.seen)
        .extracting(TestHost.Seen::uri)
        .containsExactly(
            "/unload",
            "/api/models/unload",
            "/api/models/unload/strix/gpt-oss-120b",
            "/api/models/unload/my%20model",
            "/api/inflight/7/cancel",
            "/api/inflight/8/cancel");
  }

  @Test
  void anUnexpectedAnswerToUnloadFails() {
    host.route(
        "GET /unload", req -> TestHost.send(req.response(), 200, "text/html", "<html>".getBytes()));
    assertThatThrownBy(() -> await(client.unloadAll()))
        .isInstanceOf(dev.boocontrol.llamaswap.core.PayloadException.class);
  }

  @Test
  void performanceWithAfterAndDisabled() {
    host.sample(
        "GET /api/performance", 200, "application/json", "http/api-performance.after.200.json");
    Instant after = Instant.parse("2026-08-22T16:29:35.412880113Z");
    Performance perf = await(client.performance(Optional.of(after)));
    assertThat(perf.gpuStats()).hasSize(1);
    assertThat(host.seen("/api/performance").get(0).uri())
        .isEqualTo("/api/performance?after=2026-08-22T16%3A29%3A35.412880113Z");

    host.sample(
        "GET /api/performance", 503, "application/json", "http/api-performance.disabled.503.json");
    assertThatThrownBy(() -> await(client.performance(Optional.empty())))
        .isInstanceOf(LlamaSwapException.Unavailable.class);
  }

  @Test
  void prometheusMetrics() {
    host.sample(
        "GET /metrics",
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        "http/metrics.prometheus.200.txt");
    List<PrometheusSample> samples = await(client.metrics());
    assertThat(samples).hasSize(28);
    assertThat(samples)
        .filteredOn(s -> s.name().equals("llamaswap_gpu_memory_used_bytes"))
        .singleElement()
        .extracting(PrometheusSample::value)
        .isEqualTo(1.385168896e9);

    host.sample(
        "GET /metrics",
        503,
        "text/plain; charset=utf-8",
        "http/metrics.prometheus.disabled.503.txt");
    assertThatThrownBy(() -> await(client.metrics()))
        .isInstanceOf(LlamaSwapException.Unavailable.class)
        .hasMessage("# performance monitor not available");
  }

  @Test
  void logsStreamDeliversTextWithSplitCharactersWhole() {
    byte[] transcript = Samples.bytes("sse/logs-stream.transcript.txt");
    host.route(
        "GET /logs/stream/qwen3-30b",
        req -> {
          HttpServerResponse response =
              req.response().setChunked(true).putHeader("Content-Type", "text/plain");
          for (int at = 0; at < transcript.length; at += 5) {
            response.write(
                Buffer.buffer(
                    java.util.Arrays.copyOfRange(
                        transcript, at, Math.min(transcript.length, at + 5))));
          }
          response.end();
        });
    List<String> chunks =
        client.logsStream(Optional.of("qwen3-30b"), true).collect().asList().await().atMost(WAIT);
    assertThat(String.join("", chunks)).isEqualTo(new String(transcript, StandardCharsets.UTF_8));
    assertThat(host.seen("/logs/stream/qwen3-30b").get(0).uri())
        .isEqualTo("/logs/stream/qwen3-30b?no-history");

    host.sample(
        "GET /logs/stream/nope",
        400,
        "application/json",
        "errors/head.400.logs-stream-unknown-id.json");
    assertThatThrownBy(
            () ->
                client
                    .logsStream(Optional.of("nope"), false)
                    .collect()
                    .asList()
                    .await()
                    .atMost(WAIT))
        .isInstanceOf(LlamaSwapException.BadRequest.class);
  }

  @Test
  void chatCompletionsRawRelaysTheStreamChunkByChunk() {
    byte[] stream = Samples.bytes("upstream/v1-chat-completions.stream.llamacpp.sse.txt");
    host.route(
        "POST /v1/chat/completions",
        req -> {
          HttpServerResponse response =
              req.response()
                  .setChunked(true)
                  .putHeader("Content-Type", "text/event-stream")
                  .putHeader("X-Accel-Buffering", "no");
          writeSlowly(req, response, stream, 400, 0);
        });
    byte[] request = Samples.bytes("upstream/v1-chat-completions.request.json");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer callers-gateway-key");
    headers.put("Accept", "text/event-stream");
    headers.put("X-Session-Id", "sess-4f2a");
    RawResponse raw =
        await(
            client.chatCompletionsRaw(io.vertx.mutiny.core.buffer.Buffer.buffer(request), headers));
    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.isEventStream()).isTrue();

    ChatStreamParser parser = new ChatStreamParser();
    ByteArrayOutputStream relayed = new ByteArrayOutputStream();
    List<io.vertx.mutiny.core.buffer.Buffer> chunks =
        raw.body().collect().asList().await().atMost(WAIT);
    chunks.forEach(
        chunk -> {
          relayed.writeBytes(chunk.getBytes());
          parser.feed(chunk.getBytes());
        });
    parser.finish();
    assertThat(chunks.size()).isGreaterThan(1);
    assertThat(relayed.toByteArray()).isEqualTo(stream);
    assertThat(parser.summary().toActivityTokens().inputTokens()).isEqualTo(412);

    TestHost.Seen seen = host.seen("/v1/chat/completions").get(0);
    assertThat(seen.body()).isEqualTo(new String(request, StandardCharsets.UTF_8));
    assertThat(seen.headers().getAll("Authorization")).containsExactly("Bearer " + KEY);
    assertThat(seen.headers().get("Accept")).isEqualTo("text/event-stream");
    assertThat(seen.headers().get("X-Session-Id")).isEqualTo("sess-4f2a");
    assertThat(seen.headers().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void chatCompletionsRawFailsTypedOnErrors() {
    host.route(
        "POST /v1/chat/completions",
        req -> {
          req.response().putHeader("Retry-After", "1");
          TestHost.send(
              req.response(),
              429,
              "application/json",
              Samples.bytes("errors/head.429.concurrency-limit.json"));
        });
    Throwable failure =
        catchThrowable(
            () ->
                await(
                    client.chatCompletionsRaw(
                        io.vertx.mutiny.core.buffer.Buffer.buffer(
                            "{\"model\":\"qwen3-30b\",\"stream\":true}"),
                        Map.of())));
    assertThat(failure)
        .isInstanceOfSatisfying(
            LlamaSwapException.RateLimited.class,
            e -> {
              assertThat(e.code()).isEqualTo("concurrency_limit");
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            });
  }

  @Test
  void nonStreamChatUpstreamPropsAndProfileSwitch() {
    host.sample(
            "POST /v1/chat/completions",
            200,
            "application/json",
            "upstream/v1-chat-completions.nonstream.llamacpp.200.json")
        .sample(
            "GET /upstream/qwen3-30b/props",
            200,
            "application/json",
            "upstream/props.llamacpp.200.json")
        .sample(
            "PUT /api/profiles/active",
            200,
            "application/json",
            "http/api-profiles-active.put.200.json");
    JsonNode body = LlamaSwapJson.tree("{\"model\":\"qwen3-30b\",\"messages\":[]}");
    JsonNode answer = await(client.chatCompletion(body));
    assertThat(answer.path("usage").path("prompt_tokens").asInt()).isEqualTo(1436);
    assertThat(host.seen("/v1/chat/completions").get(0).body()).isEqualTo(body.toString());

    assertThat(await(client.upstreamProps("qwen3-30b")).nCtx()).hasValue(32768);
    assertThat(await(client.activateProfile(Optional.of("coding"))).active()).isEqualTo("coding");
    assertThat(host.seen("/api/profiles/active").get(0).body()).isEqualTo("{\"name\":\"coding\"}");
    await(client.activateProfile(Optional.empty()));
    assertThat(host.seen("/api/profiles/active").get(1).body()).isEqualTo("{\"name\":null}");
  }

  @Test
  void anUnknownRouteIsTheRouters404() {
    Throwable failure = catchThrowable(() -> await(client.activity(ActivityQuery.all())));
    assertThat(failure)
        .isInstanceOfSatisfying(
            LlamaSwapException.NotFound.class,
            e -> assertThat(e.kind()).isEqualTo(NotFoundKind.ROUTE_NOT_FOUND));
  }

  @Test
  void aHostThatNeverAnswersTimesOut() {
    host.route(
        "GET /running",
        req -> {
          /* never answers */
        });
    LlamaSwapClient impatient =
        newClient(ClientOptions.defaults().withRequestTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    Throwable failure = catchThrowable(() -> await(impatient.running()));
    assertThat(failure).isNotNull().isNotInstanceOf(LlamaSwapException.class);
    assertThat(
            failure instanceof TimeoutException
                || String.valueOf(failure.getMessage()).contains("timeout")
                || String.valueOf(failure.getMessage()).contains("no response headers"))
        .as(failure.toString())
        .isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    await(impatient.close());
  }

  @Test
  void malformedJsonBodyFailsWithPayloadException() {
    host.route(
        "GET /running",
        req ->
            TestHost.send(req.response(), 200, "application/json", "{\"running\":[{".getBytes()));
    assertThatThrownBy(() -> await(client.running()))
        .isInstanceOf(dev.boocontrol.llamaswap.core.PayloadException.class)
        .hasMessageContaining("Running");
  }

  /** Writes {@code bytes} in pieces of {@code piece} bytes, {@code delayMs} apart. */
  static void writeSlowly(
      HttpServerRequest req, HttpServerResponse response, byte[] bytes, int piece, long delayMs) {
    int[] at = {0};
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          if (at[0] >= bytes.length) {
            response.end();
            return;
          }
          int end = Math.min(bytes.length, at[0] + piece);
          response.write(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at[0], end)));
          at[0] = end;
          if (delayMs > 0) {
            io.vertx.core.Vertx.currentContext().owner().setTimer(delayMs, id -> next[0].run());
          } else {
            io.vertx.core.Vertx.currentContext().runOnContext(v -> next[0].run());
          }
        };
    next[0].run();
  }
}
