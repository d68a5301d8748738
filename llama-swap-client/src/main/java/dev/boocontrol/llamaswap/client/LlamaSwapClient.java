package dev.boocontrol.llamaswap.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.llamaswap.core.Excerpts;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.PayloadException;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import dev.boocontrol.llamaswap.core.event.DecodedEvent;
import dev.boocontrol.llamaswap.core.model.ActivityPage;
import dev.boocontrol.llamaswap.core.model.ActivityQuery;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.Capture;
import dev.boocontrol.llamaswap.core.model.Hardware;
import dev.boocontrol.llamaswap.core.model.OkMessage;
import dev.boocontrol.llamaswap.core.model.Performance;
import dev.boocontrol.llamaswap.core.model.ProfileChanged;
import dev.boocontrol.llamaswap.core.model.Profiles;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.Stats;
import dev.boocontrol.llamaswap.core.model.V1Models;
import dev.boocontrol.llamaswap.core.model.Version;
import dev.boocontrol.llamaswap.core.prometheus.PrometheusSample;
import dev.boocontrol.llamaswap.core.prometheus.PrometheusTextParser;
import dev.boocontrol.llamaswap.core.upstream.UpstreamProps;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClientResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Non-blocking, typed client of one llama-swap host (see {@code llama-swap-api.md}).
 *
 * <p>Every method is lazy: nothing is sent until the returned {@link Uni} or {@link Multi} is
 * subscribed, and each subscription sends again. A non-2xx answer fails with a typed {@link
 * LlamaSwapException}; an unreadable 2xx body fails with {@link PayloadException}. Nothing here
 * blocks; items of streams are delivered on Vert.x event-loop threads or the subscriber's thread.
 */
public final class LlamaSwapClient {

  private static final String JSON = "application/json";
  // Hop-by-hop and credential headers are never relayed from a caller to the host.
  private static final Set<String> NOT_RELAYED =
      Set.of(
          "authorization",
          "x-api-key",
          "proxy-authorization",
          "host",
          "content-length",
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade");

  private final HostHttp http;
  private final StreamCounters counters = new StreamCounters();

  public LlamaSwapClient(Vertx vertx, HostTarget target, ClientOptions options) {
    this.http = new HostHttp(vertx, target, options);
  }

  public HostTarget target() {
    return http.target();
  }

  /** Counters over every stream this client opened. */
  public ClientCounters counters() {
    return counters.snapshot();
  }

  /** Closes the connection pool; streams still open are cut. */
  public Uni<Void> close() {
    return http.close();
  }

  // ---------------------------------------------------------------- streams

  /**
   * {@code GET /api/events}: decoded events, or {@link
   * dev.boocontrol.llamaswap.core.event.MalformedEvent} for messages that could not be read. The
   * socket is read without back-pressure; a subscriber that falls more than {@code
   * eventBufferCapacity} items behind loses the oldest ones (see {@link #counters()}). The Multi
   * completes when the host closes the stream (restart, config reload) and fails on a network
   * error: resubscribe to reconnect, and treat the new initial burst as a fresh snapshot.
   */
  public Multi<DecodedEvent> events() {
    HostHttp.Call call =
        new HostHttp.Call(
            HttpMethod.GET,
            http.url("/api/events", List.of()),
            "text/event-stream",
            null,
            Map.of(),
            http.options().requestTimeout(),
            Duration.ZERO);
    int maxLine = http.options().maxSseLineBytes();
    return UnpausedStream.open(
        http,
        call,
        () -> new EventBodyDecoder(maxLine, counters),
        counters.eventsDropped::incrementAndGet);
  }

  /**
   * {@code GET /logs/stream[/{model}][?no-history]}: raw log text as it arrives, history first
   * unless {@code noHistory}. Read without back-pressure like {@link #events()}.
   *
   * @param source empty for the stdout mux, or {@code proxy}, {@code upstream} or a model id
   */
  public Multi<String> logsStream(Optional<String> source, boolean noHistory) {
    String path = "/logs/stream" + source.map(s -> "/" + HostUrls.encodeModelPath(s)).orElse("");
    List<Map.Entry<String, String>> query =
        noHistory ? List.of(new SimpleImmutableEntry<>("no-history", null)) : List.of();
    HostHttp.Call call =
        new HostHttp.Call(
            HttpMethod.GET,
            http.url(path, query),
            "text/plain",
            null,
            Map.of(),
            http.options().requestTimeout(),
            Duration.ZERO);
    return UnpausedStream.open(
        http, call, TextBodyDecoder::new, counters.logChunksDropped::incrementAndGet);
  }

  // ---------------------------------------------------------------- activity

  /** {@code GET /api/metrics/activity} (v236+). */
  public Uni<ActivityPage> activity(ActivityQuery query) {
    return getJson("/api/metrics/activity", query.toQueryParameters(), ActivityPage.class);
  }

  /**
   * Every row with an id above {@code cursor}, oldest first, fetched in pages of 999 (the gap fetch
   * of spec §19.1). Pages are keyed by the last id seen, so rows pruned meanwhile shift nothing.
   */
  public Multi<ActivityRow> activityAfter(long cursor) {
    return activityAfter(cursor, ActivityQuery.MAX_LIMIT);
  }

  /** {@link #activityAfter(long)} with another page size (1–999). */
  public Multi<ActivityRow> activityAfter(long cursor, int pageSize) {
    ActivityQuery query =
        ActivityQuery.builder()
            .minId(Math.max(cursor + 1, 1))
            .order(ActivityQuery.Order.ASC)
            .sort(ActivityQuery.Sort.ID)
            .limit(pageSize)
            .build();
    return activity(query)
        .onItem()
        .transformToMulti(
            page -> {
              List<ActivityRow> rows = page.data().stream().filter(r -> r.id() > cursor).toList();
              Multi<ActivityRow> these = Multi.createFrom().iterable(rows);
              boolean more = !rows.isEmpty() && page.total() > page.data().size();
              if (!more) {
                return these;
              }
              long next = rows.stream().mapToLong(ActivityRow::id).max().orElseThrow();
              return Multi.createBy()
                  .concatenating()
                  .streams(these, Multi.createFrom().deferred(() -> activityAfter(next, pageSize)));
            });
  }

  /** {@code GET /api/metrics/stats[?model=]} (v236+). */
  public Uni<Stats> stats(Optional<String> model) {
    List<Map.Entry<String, String>> query =
        model
            .<List<Map.Entry<String, String>>>map(
                m -> List.of(new SimpleImmutableEntry<>("model", m)))
            .orElse(List.of());
    return getJson("/api/metrics/stats", query, Stats.class);
  }

  /** {@code GET /api/captures/{id}} (v190+); empty on 404 (evicted, never kept, or old host). */
  public Uni<Optional<Capture>> capture(long id) {
    return getJson("/api/captures/" + id, List.of(), Capture.class)
        .map(Optional::of)
        .onFailure(LlamaSwapException.NotFound.class)
        .recoverWithItem(Optional.empty());
  }

  // ---------------------------------------------------------------- host state

  /** {@code GET /api/performance[?after=]} (v212+); 503 when disabled fails with Unavailable. */
  public Uni<Performance> performance(Optional<Instant> after) {
    List<Map.Entry<String, String>> query =
        after
            .<List<Map.Entry<String, String>>>map(
                t -> List.of(new SimpleImmutableEntry<>("after", t.toString())))
            .orElse(List.of());
    return getJson("/api/performance", query, Performance.class);
  }

  /** {@code GET /api/hardware} (v247+). */
  public Uni<Hardware> hardware() {
    return getJson("/api/hardware", List.of(), Hardware.class);
  }

  /** {@code GET /api/version} (v173+). */
  public Uni<Version> version() {
    return getJson("/api/version", List.of(), Version.class);
  }

  /**
   * {@code GET /api/version}, or empty when the host has none: a server before v173 answers 404
   * {@code 404 page not found}. Other failures fail the {@code Uni}.
   */
  public Uni<Optional<Version>> versionIfServed() {
    return version()
        .map(Optional::of)
        .onFailure(LlamaSwapException.NotFound.class)
        .recoverWithItem(Optional.empty());
  }

  /** {@code GET /running}. */
  public Uni<Running> running() {
    return getJson("/running", List.of(), Running.class);
  }

  /** {@code GET /v1/models}: never loads a model. */
  public Uni<V1Models> v1Models() {
    return getJson("/v1/models", List.of(), V1Models.class);
  }

  /** {@code GET /api/profiles} (v241+). */
  public Uni<Profiles> profiles() {
    return getJson("/api/profiles", List.of(), Profiles.class);
  }

  /** {@code PUT /api/profiles/active}: activates a profile, or none for an empty name. */
  public Uni<ProfileChanged> activateProfile(Optional<String> name) {
    ObjectNode body = LlamaSwapJson.mapper().createObjectNode();
    body.put("name", name.orElse(null));
    HostHttp.Call call =
        withJsonBody(
            http.call(HttpMethod.PUT, http.url("/api/profiles/active", List.of()), JSON), body);
    return http.exchange(call)
        .map(reply -> LlamaSwapJson.read(reply.bytes(), ProfileChanged.class));
  }

  /**
   * {@code GET /health}: true on 200 {@code OK}, false on any other answer. Fails only when the
   * host cannot be reached (or times out), which is what a liveness probe needs to tell apart.
   */
  public Uni<Boolean> health() {
    HostHttp.Call call = http.call(HttpMethod.GET, http.url("/health", List.of()), "text/plain");
    return http.exchangeAnyStatus(call)
        .map(reply -> reply.status() == 200 && reply.text().strip().equals("OK"));
  }

  /** {@code GET /metrics}: the latest performance sample as Prometheus samples. */
  public Uni<List<PrometheusSample>> metrics() {
    HostHttp.Call call = http.call(HttpMethod.GET, http.url("/metrics", List.of()), "text/plain");
    return http.exchange(call).map(reply -> PrometheusTextParser.parse(reply.text()).samples());
  }

  /** {@code GET /logs}: the log ring as text. */
  public Uni<String> logs() {
    HostHttp.Call call = http.call(HttpMethod.GET, http.url("/logs", List.of()), "text/plain");
    return http.exchange(call).map(HostHttp.Reply::text);
  }

  // ---------------------------------------------------------------- control

  /** {@code GET /unload}: stops every local model; completes once they stopped. */
  public Uni<Void> unloadAll() {
    return expectText(slowCall(HttpMethod.GET, "/unload", "text/plain"), "OK");
  }

  /** {@code POST /api/models/unload}: stops every local model ({@code {"msg":"ok"}}). */
  public Uni<Void> apiUnloadAll() {
    return expectOk(slowCall(HttpMethod.POST, "/api/models/unload", JSON));
  }

  /** {@code POST /api/models/unload/{model}}: stops one local model (text {@code OK}). */
  public Uni<Void> unloadModel(String model) {
    return expectText(
        slowCall(HttpMethod.POST, "/api/models/unload/" + HostUrls.encodeModelPath(model), JSON),
        "OK");
  }

  /** {@code POST /api/inflight/{id}/cancel} (v235+); 404 fails with NotFound. */
  public Uni<Void> cancelInflight(String inflightId) {
    HostHttp.Call call =
        http.call(
            HttpMethod.POST,
            http.url(
                "/api/inflight/" + HostUrls.encodeModelPath(inflightId) + "/cancel", List.of()),
            JSON);
    return expectOk(call);
  }

  // ---------------------------------------------------------------- upstream and inference

  /**
   * {@code GET /upstream/{model}/props}: llama-server's own props. <strong>This loads the model if
   * it is not running</strong> (and may evict others): call it only for a model that is ready.
   */
  public Uni<UpstreamProps> upstreamProps(String model) {
    HostHttp.Call call =
        slowCall(HttpMethod.GET, "/upstream/" + HostUrls.encodeModelPath(model) + "/props", JSON);
    return http.exchange(call).map(reply -> new UpstreamProps(LlamaSwapJson.tree(reply.bytes())));
  }

  /**
   * {@code POST /v1/chat/completions} without reading the body: the answer's status and headers,
   * and the body as chunks to relay as they arrive. A non-2xx answer fails with its typed error
   * instead. Authorization is the host's key; the caller's credential and hop-by-hop headers are
   * not relayed.
   */
  public Uni<RawResponse> chatCompletionsRaw(Buffer body, Map<String, String> headers) {
    return postRaw("/v1/chat/completions", body, headers);
  }

  /** {@link #chatCompletionsRaw(Buffer, Map)} with the body as bytes. */
  public Uni<RawResponse> chatCompletionsRaw(byte[] body, Map<String, String> headers) {
    return chatCompletionsRaw(Buffer.buffer(body), headers);
  }

  /**
   * Like {@link #chatCompletionsRaw} for any routed inference path, such as {@code /v1/embeddings}.
   */
  public Uni<RawResponse> postRaw(String path, Buffer body, Map<String, String> headers) {
    Map<String, String> relayed = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
            relayed.put(name, value);
          }
        });
    if (relayed.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      relayed.put("Content-Type", JSON);
    }
    String accept =
        relayed.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("Accept"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("*/*");
    relayed.keySet().removeIf(h -> h.equalsIgnoreCase("Accept"));
    Duration slow = http.options().slowRequestTimeout();
    HostHttp.Call call =
        new HostHttp.Call(
            HttpMethod.POST, http.url(path, List.of()), accept, body, relayed, slow, slow);
    return http.send(call)
        .chain(
            sent -> {
              if (!sent.ok()) {
                return http.failure(sent).chain(e -> Uni.createFrom().<RawResponse>failure(e));
              }
              HttpClientResponse response = sent.response();
              // toMulti() pauses the response at once, so nothing is lost before the subscription.
              Multi<Buffer> chunks = response.toMulti().onCancellation().invoke(sent::abort);
              return Uni.createFrom()
                  .item(
                      new RawResponse(
                          response.statusCode(), response.headers(), chunks, sent::abort));
            });
  }

  /** Non-streamed {@code POST /v1/chat/completions}; the answer as JSON. */
  public Uni<JsonNode> chatCompletion(JsonNode body) {
    HostHttp.Call call =
        withJsonBody(slowCall(HttpMethod.POST, "/v1/chat/completions", JSON), body);
    return http.exchange(call).map(reply -> LlamaSwapJson.tree(reply.bytes()));
  }

  // ---------------------------------------------------------------- helpers

  private <T> Uni<T> getJson(String path, List<Map.Entry<String, String>> query, Class<T> type) {
    HostHttp.Call call = http.call(HttpMethod.GET, http.url(path, query), JSON);
    return http.exchange(call).map(reply -> LlamaSwapJson.read(reply.bytes(), type));
  }

  private HostHttp.Call slowCall(HttpMethod method, String path, String accept) {
    Duration slow = http.options().slowRequestTimeout();
    return new HostHttp.Call(method, http.url(path, List.of()), accept, null, Map.of(), slow, slow);
  }

  private static HostHttp.Call withJsonBody(HostHttp.Call call, JsonNode body) {
    byte[] bytes;
    try {
      bytes = LlamaSwapJson.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body cannot be written as JSON", e);
    }
    return new HostHttp.Call(
        call.method(),
        call.url(),
        call.accept(),
        Buffer.buffer(bytes),
        Map.of("Content-Type", JSON),
        call.headersTimeout(),
        call.idleTimeout());
  }

  private Uni<Void> expectText(HostHttp.Call call, String expected) {
    return http.exchange(call)
        .map(
            reply -> {
              if (!reply.text().strip().equals(expected)) {
                throw new PayloadException(
                    "text " + expected, Excerpts.of(reply.text()), "unexpected answer");
              }
              return null;
            });
  }

  private Uni<Void> expectOk(HostHttp.Call call) {
    return http.exchange(call)
        .map(
            reply -> {
              if (!LlamaSwapJson.read(reply.bytes(), OkMessage.class).isOk()) {
                throw new PayloadException("OkMessage", Excerpts.of(reply.text()), "msg is not ok");
              }
              return null;
            });
  }
}
