package dev.boocontrol.sim.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.sim.core.ActivityDraft;
import dev.boocontrol.sim.core.ActivityLedger;
import dev.boocontrol.sim.core.ActivityQuery;
import dev.boocontrol.sim.core.ActivityQueryException;
import dev.boocontrol.sim.core.ActivityRow;
import dev.boocontrol.sim.core.ActivityStore;
import dev.boocontrol.sim.core.Capture;
import dev.boocontrol.sim.core.CaptureCache;
import dev.boocontrol.sim.core.ErrorBodies;
import dev.boocontrol.sim.core.GoDuration;
import dev.boocontrol.sim.core.GoJson;
import dev.boocontrol.sim.core.InferenceModel;
import dev.boocontrol.sim.core.ModelSim;
import dev.boocontrol.sim.core.PerfModel;
import dev.boocontrol.sim.core.SimConfig;
import dev.boocontrol.sim.core.TextGenerator;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One simulated llama-swap host on one port (spec: {@code ../shared/llama-swap-api.md}, v250/HEAD
 * behaviour). A verticle, so every handler and timer runs on one event loop and state needs no
 * locks. Faults are injected through {@link Faults}.
 */
public final class SimHost extends AbstractVerticle {

  private static final Logger LOG = Logger.getLogger(SimHost.class.getName());
  private static final Pattern IGNORE_PATHS =
      Pattern.compile(".*\\.(js|json|css|png|gif|jpg|jpeg|ico|txt)$");
  private static final Set<String> ROUTED_POSTS =
      Set.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings");

  private final int port;
  private SimConfig config;
  private final Faults faults = new Faults();

  /** Outlives every process lifetime: it is the record of all of them. */
  private final ActivityLedger ledger = new ActivityLedger();

  private HttpServer server;
  private final Set<HttpConnection> connections = new HashSet<>();
  private Instant capturedAt;
  private Logs logs;
  private EventHub events;
  private Inflight inflight;
  private Models models;
  private ActivityStore activity;
  private CaptureCache captures;
  private PerfModel perf;
  private final Deque<PerfModel.Sample> perfRing = new ArrayDeque<>();
  private Inference inference;
  private long perfTimer = -1;
  private long ttlTimer = -1;
  private final Set<SynthRun> synthRuns = new LinkedHashSet<>();
  private Random synthRandom;
  private boolean hangAll;

  public SimHost(int port, SimConfig config) {
    this.port = port;
    this.config = config;
    defineRoutes();
  }

  public int port() {
    return port;
  }

  public Faults faults() {
    return faults;
  }

  @Override
  public void start(Promise<Void> started) {
    boot();
    listen().onComplete(started);
  }

  /** Everything a llama-swap process holds in memory, built fresh (start and restart). */
  private void boot() {
    capturedAt = Instant.now();
    ledger.beginEpoch(capturedAt);
    synthRandom = new Random(config.sim().seed());
    logs = new Logs((source, text) -> publishLog(source, text));
    events = new EventHub(line -> logs.proxy(line));
    inflight = new Inflight((type, data) -> events.publish(type, data));
    models = new Models(vertx, config, modelListener());
    activity = new ActivityStore(config.metricsMaxInMemory());
    captures = new CaptureCache(config.captureBuffer() * 1024L * 1024L);
    perf = new PerfModel(config);
    perfRing.clear();
    inference =
        new Inference(
            vertx, new InferenceModel(config.sim().seed()), new TextGenerator(config.sim().seed()));
    logs.info("llama-swap (simulated " + config.sim().version() + ") listening on http://:" + port);
    startTimers();
  }

  private void publishLog(String source, String text) {
    if (events != null) {
      events.publish("logData", Map.of("data", text, "source", source));
    }
  }

  private Models.Listener modelListener() {
    return new Models.Listener() {
      @Override
      public void stateChanged(Models.Process process, Models.State from) {
        events.publish("modelStatus", Payloads.modelStatus(models.all()));
      }

      @Override
      public void upstreamLog(String model, String chunk) {
        logs.upstream(model, chunk);
      }

      @Override
      public void proxyLog(String line) {
        logs.proxy(line);
      }
    };
  }

  private void startTimers() {
    cancelTimers();
    long everyMs = config.performanceEvery().toMillis();
    if (!config.performanceDisabled()) {
      perfTimer = vertx.setPeriodic(everyMs, t -> samplePerf());
    }
    ttlTimer = vertx.setPeriodic(1000, t -> models.ttlTick(Instant.now()));
  }

  private void cancelTimers() {
    if (perfTimer >= 0) {
      vertx.cancelTimer(perfTimer);
      perfTimer = -1;
    }
    if (ttlTimer >= 0) {
      vertx.cancelTimer(ttlTimer);
      ttlTimer = -1;
    }
    stopSynthesis();
  }

  private void stopSynthesis() {
    synthRuns.forEach(run -> vertx.cancelTimer(run.timer));
    synthRuns.clear();
  }

  private void samplePerf() {
    PerfModel.Sample s = perf.sample(Instant.now(), models.vramByGpu(), models.activeByGpu());
    perfRing.add(s);
    long keep = Math.max(1, 3600_000 / config.performanceEvery().toMillis());
    while (perfRing.size() > keep) {
      perfRing.poll();
    }
  }

  private Future<Void> listen() {
    // Like Go's net/http: HTTP/1.1 only (no h2c upgrade), headers up to 1 MiB.
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setMaxHeaderSize(1 << 20)
                .setMaxInitialLineLength(1 << 20));
    server.connectionHandler(
        c -> {
          connections.add(c);
          c.closeHandler(v -> connections.remove(c));
        });
    server.requestHandler(this::handle);
    return server.listen(port, "127.0.0.1").mapEmpty();
  }

  @Override
  public void stop(Promise<Void> stopped) {
    cancelTimers();
    closeConnections();
    (server == null ? Future.<Void>succeededFuture() : server.close()).onComplete(stopped);
  }

  // ---------------------------------------------------------------- faults

  /** Restart: all state and ids reset, new {@code captured_at}, streams closed (spec §19.4). */
  public Future<Void> restart() {
    return onContext(
        () -> {
          models.retire(config);
          events.closeAll();
          logs.restart();
          closeConnections();
          boot();
        });
  }

  /**
   * Config reload (spec §12): models stop, every event and log stream closes, inflight ids,
   * captures and per-model logs reset; the activity store and {@code captured_at} survive. A
   * modelStatus goes out 3 s later.
   */
  public Future<Void> reload(Optional<SimConfig> next) {
    return onContext(
        () -> {
          next.ifPresent(c -> config = c);
          models.retire(config);
          events.closeAll();
          logs.reload();
          inflight.reset();
          captures.clear();
          inference.reset();
          logs.info("config reloaded");
          startTimers();
          vertx.setTimer(
              3000, t -> events.publish("modelStatus", Payloads.modelStatus(models.all())));
        });
  }

  /** Half-open: the event stream stays open and silent; everything else answers. */
  public Future<Void> hangEvents(boolean hang) {
    return onContext(() -> events.hang(hang));
  }

  /** Writes raw text into every open event stream (bad-input tests of clients). */
  public Future<Integer> injectEvents(String raw) {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(
        v -> {
          events.injectRaw(Buffer.buffer(raw));
          done.complete(events.subscriberCount());
        });
    return done.future();
  }

  /** Whether the configuration has this model id (or alias). */
  public boolean hasModel(String model) {
    return config.resolveModel(model).isPresent();
  }

  /** Writes raw log text (see {@link Logs#raw}); the model names the upstream writer. */
  public Future<Void> writeLog(String source, String model, String text) {
    return onContext(() -> logs.raw(source, model, text));
  }

  /** Drops every open TCP connection (event streams and requests in progress). */
  public Future<Void> dropConnections() {
    return onContext(this::closeConnections);
  }

  /**
   * Host down: the listener closes (connections refused) or, with {@code hang}, goes silent. Either
   * way a synthetic activity run stops: the process is gone or frozen.
   */
  public Future<Void> down(boolean hang) {
    return onContext(
        () -> {
          stopSynthesis();
          if (hang) {
            hangAll = true;
            events.hang(true);
          } else if (server != null) {
            // Let the reply to this very request go out before the listener disappears.
            HttpServer closing = server;
            server = null;
            vertx.setTimer(
                50,
                t -> {
                  closeConnections();
                  closing.close();
                });
          }
        });
  }

  /** Host up again after {@link #down}. A closed listener comes back as a restarted process. */
  public Future<Void> up() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          if (hangAll) {
            hangAll = false;
            events.hang(false);
            done.complete();
          } else if (server == null) {
            models.retire(config);
            logs.restart();
            boot();
            listen().onComplete(done);
          } else {
            done.complete();
          }
        });
    return done.future();
  }

  /** The upstream of a ready model exits by itself. */
  public Future<Boolean> crash(String model) {
    Promise<Boolean> done = Promise.promise();
    context.runOnContext(v -> done.complete(models.crash(model)));
    return done.future();
  }

  /** A short status for the control API. */
  public Future<Map<String, Object>> status() {
    Promise<Map<String, Object>> done = Promise.promise();
    context.runOnContext(
        v -> {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("port", port);
          s.put("host", config.sim().hostName());
          s.put("listening", server != null);
          s.put("captured_at", capturedAt);
          s.put("event_subscribers", events.subscriberCount());
          s.put("events_dropped", events.droppedTotal());
          s.put("events_hung", events.hung());
          s.put("inflight", inflight.size());
          s.put("last_activity_id", activity.lastId());
          s.put("synthesizing_remaining", synthesizingRemaining());
          Map<String, String> states = new LinkedHashMap<>();
          models.all().forEach(p -> states.put(p.id(), p.state.wire));
          s.put("models", states);
          s.put("faults", faults.describe());
          done.complete(s);
        });
    return done.future();
  }

  /** {@code GET /sim/ledger}: every row of every process lifetime (see {@link ActivityLedger}). */
  public Future<Object> ledger() {
    Promise<Object> done = Promise.promise();
    context.runOnContext(v -> done.complete(ledgerView()));
    return done.future();
  }

  /** {@code DELETE /sim/ledger}: forget the recorded rows; the current epoch stays. */
  public Future<Object> clearLedger() {
    Promise<Object> done = Promise.promise();
    context.runOnContext(
        v -> {
          ledger.clear();
          done.complete(ledgerView());
        });
    return done.future();
  }

  private LedgerView ledgerView() {
    ActivityLedger.Snapshot snap = ledger.snapshot();
    return new LedgerView(activity.maxInMemory(), snap.truncated(), snap.epochs());
  }

  /**
   * The ledger as {@code /sim/ledger} returns it.
   *
   * @param maxInMemory the limit the activity store prunes with, so a client knows which rows the
   *     host itself still serves
   */
  private record LedgerView(
      @JsonProperty("max_in_memory") int maxInMemory,
      @JsonProperty("truncated") boolean truncated,
      @JsonProperty("epochs") List<ActivityLedger.Epoch> epochs) {}

  /**
   * Schedules {@code rows} synthetic activity rows at about {@code perSecond} rows per second (see
   * {@link #synthTick}). A run started while another is going runs alongside it. Fails with a
   * {@link SimControl.BadInput} when the model is unknown or the host is down.
   *
   * @param model a configured model id or alias; empty: the first configured model
   */
  public Future<Map<String, Object>> synthesize(int rows, int perSecond, Optional<String> model) {
    Promise<Map<String, Object>> done = Promise.promise();
    context.runOnContext(
        v -> {
          if (server == null || hangAll) {
            done.fail(new SimControl.BadInput("host", "host is down; POST /sim/up first"));
            return;
          }
          Optional<String> id =
              model.isPresent()
                  ? config.resolveModel(model.get())
                  : config.modelIds().stream().findFirst();
          if (id.isEmpty()) {
            done.fail(
                new SimControl.BadInput(
                    "model",
                    model.isPresent()
                        ? "model " + model.get() + " is not configured on this host"
                        : "this host has no models"));
            return;
          }
          ModelSim ms = config.model(id.get()).map(m -> m.sim()).orElse(ModelSim.defaults());
          SynthRun run =
              new SynthRun(
                  id.get(),
                  rows,
                  perSecond,
                  ms.genTps() > 0 ? ms.genTps() : 50,
                  ms.promptTps() > 0 ? ms.promptTps() : ModelSim.DEFAULT_PROMPT_TPS,
                  System.nanoTime());
          run.timer = vertx.setPeriodic(10, t -> synthTick(run));
          synthRuns.add(run);
          Map<String, Object> reply = new LinkedHashMap<>();
          reply.put("scheduled", rows);
          reply.put("per_second", perSecond);
          reply.put("model", id.get());
          done.complete(reply);
        });
    return done.future();
  }

  /**
   * One 10 ms tick of a run: stores as many rows as the run should have stored by now ({@code
   * perSecond * elapsed}, so timer jitter and the fractional rows per tick carry over), at most a
   * tenth of a second's worth per tick so a stalled loop does not answer with one huge burst.
   */
  private void synthTick(SynthRun run) {
    if (!synthRuns.contains(run)) {
      return;
    }
    double elapsedSeconds = (System.nanoTime() - run.startNanos) / 1e9;
    long due = Math.min(run.total, (long) Math.floor(run.perSecond * elapsedSeconds));
    long batch = Math.min(due - run.emitted, Math.max(1, run.perSecond / 10));
    for (long i = 0; i < batch; i++) {
      storeSynthetic(run);
      run.emitted++;
    }
    if (run.emitted >= run.total) {
      vertx.cancelTimer(run.timer);
      synthRuns.remove(run);
    }
  }

  /** A completed non-streaming chat request as {@link #recordServed} would store it. */
  private void storeSynthetic(SynthRun run) {
    int input = 20 + synthRandom.nextInt(381);
    int output = 10 + synthRandom.nextInt(291);
    double promptMs = input / run.promptTps * 1000;
    double genMs = output / run.genTps * 1000;
    ActivityDraft draft =
        ActivityDraft.of(
            Instant.now(),
            run.model,
            "/v1/chat/completions",
            "application/json",
            200,
            0,
            input,
            output,
            run.promptTps,
            run.genTps,
            Math.round(promptMs + genMs),
            null,
            // The row's own timestamp has whole seconds (as llama-swap's); benchmarks measure
            // ingest lag from this exact creation time instead.
            Map.of("sim_created_at", Instant.now().toString()));
    // No capture: there was no request to capture.
    announce(insert(draft));
  }

  private long synthesizingRemaining() {
    return synthRuns.stream().mapToLong(r -> r.total - r.emitted).sum();
  }

  /** One {@code POST /sim/activity/synthesize} in progress. Touched only on the event loop. */
  private static final class SynthRun {
    final String model;
    final long total;
    final int perSecond;
    final double genTps;
    final double promptTps;
    final long startNanos;
    long timer = -1;
    long emitted;

    SynthRun(
        String model, long total, int perSecond, double genTps, double promptTps, long startNanos) {
      this.model = model;
      this.total = total;
      this.perSecond = perSecond;
      this.genTps = genTps;
      this.promptTps = promptTps;
      this.startNanos = startNanos;
    }
  }

  private Future<Void> onContext(Runnable action) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            action.run();
            done.complete();
          } catch (RuntimeException e) {
            done.fail(e);
          }
        });
    return done.future();
  }

  private void closeConnections() {
    List.copyOf(connections).forEach(HttpConnection::close);
    connections.clear();
  }

  // ---------------------------------------------------------------- routing

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/sim/")) {
      SimControl.handle(this, req, path.substring("/sim".length()));
      return;
    }
    if (hangAll) {
      return; // half-open host: accepted, never answered
    }
    Exchange ex = new Exchange(req, path);
    if (req.method() == HttpMethod.OPTIONS) {
      cors(req);
      return;
    }
    boolean logged =
        !path.startsWith("/wol-health")
            && !path.startsWith("/api/performance")
            && !path.startsWith("/metrics");
    if (logged) {
      // After the response ends, or when the connection closes first (event streams, cuts).
      req.response().endHandler(v -> accessLog(ex));
      ex.onClose(() -> accessLog(ex));
    }
    if (isOpen(req, path)) {
      routeOpen(ex, path);
      return;
    }
    if (!authorized(req)) {
      req.response().putHeader("WWW-Authenticate", "Basic realm=\"llama-swap\"");
      error(ex, 401, "unauthorized: invalid or missing API key");
      return;
    }
    try {
      route(ex, path);
    } catch (RuntimeException e) {
      LOG.warning("request " + path + " failed: " + e);
      if (!req.response().headWritten()) {
        error(ex, 500, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
  }

  private static boolean isOpen(HttpServerRequest req, String path) {
    return path.equals("/health")
        || path.equals("/wol-health")
        || path.equals("/favicon.ico")
        || (req.method() == HttpMethod.GET && (path.equals("/") || path.equals("/upstream")));
  }

  private void routeOpen(Exchange ex, String path) {
    HttpServerResponse r = ex.response;
    switch (path) {
      case "/health", "/wol-health" -> text(ex, 200, "OK");
      case "/" -> r.setStatusCode(302).putHeader("Location", "/ui").end();
      case "/upstream" -> r.setStatusCode(302).putHeader("Location", "/ui/models").end();
      default -> notFound(ex);
    }
  }

  /** One llama-swap route: the method it takes ({@code null}: any) and what answers it. */
  private record Route(HttpMethod method, BiConsumer<Exchange, String> handler) {
    boolean allows(HttpMethod m) {
      // Go's ServeMux answers HEAD on GET routes.
      return method == null || m == method || (method == HttpMethod.GET && m == HttpMethod.HEAD);
    }

    String allowHeader() {
      return method == HttpMethod.GET ? "GET, HEAD" : method.name();
    }
  }

  /** Exact paths (spec §1); the handler gets an empty remainder. */
  private final Map<String, Route> exactRoutes = new LinkedHashMap<>();

  /** Path prefixes whose remainder names a model, capture or inflight id. */
  private final Map<String, Route> prefixRoutes = new LinkedHashMap<>();

  private void exact(HttpMethod method, String path, java.util.function.Consumer<Exchange> h) {
    exactRoutes.put(path, new Route(method, (ex, rest) -> h.accept(ex)));
  }

  private void defineRoutes() {
    for (String path : ROUTED_POSTS) {
      exact(
          HttpMethod.POST,
          path,
          ex -> withBody(ex, body -> inferenceRequest(ex, path, path, body, Optional.empty())));
    }
    exact(HttpMethod.GET, "/v1/models", this::v1Models);
    exact(
        HttpMethod.GET,
        "/models",
        ex -> json(ex, 200, GoJson.write(Payloads.v1Models(models.all())) + "\n"));
    exact(
        HttpMethod.GET,
        "/running",
        ex ->
            json(ex, 200, GoJson.write(Map.of("running", Payloads.running(models.all()))) + "\n"));
    exact(HttpMethod.GET, "/unload", ex -> models.stopAll().onComplete(v -> text(ex, 200, "OK")));
    exact(
        HttpMethod.POST,
        "/api/models/unload",
        ex -> models.stopAll().onComplete(v -> json(ex, 200, "{\"msg\":\"ok\"}\n")));
    exact(HttpMethod.GET, "/api/events", this::apiEvents);
    exact(HttpMethod.GET, "/api/metrics/activity", this::activityPage);
    exact(
        HttpMethod.GET,
        "/api/metrics/stats",
        ex -> {
          Optional<String> model = Optional.ofNullable(ex.request.getParam("model"));
          json(ex, 200, GoJson.write(activity.stats(model)) + "\n");
        });
    exact(HttpMethod.GET, "/api/performance", this::performance);
    exact(HttpMethod.GET, "/metrics", this::metrics);
    exact(HttpMethod.GET, "/api/version", this::version);
    exact(
        HttpMethod.GET,
        "/api/hardware",
        ex -> json(ex, 200, GoJson.write(PerfModel.hardware(config, capturedAt)) + "\n"));
    exact(
        HttpMethod.GET,
        "/api/profiles",
        ex -> json(ex, 200, "{\"active\":null,\"profiles\":[]}\n"));
    exact(HttpMethod.PUT, "/api/profiles/active", this::activateProfile);
    exact(HttpMethod.GET, "/logs", this::logs);
    exact(HttpMethod.GET, "/logs/stream", ex -> logStream(ex, ""));

    prefixRoutes.put("/upstream/", new Route(null, this::upstream));
    prefixRoutes.put("/api/models/unload/", new Route(HttpMethod.POST, this::unloadOne));
    prefixRoutes.put("/api/captures/", new Route(HttpMethod.GET, this::capture));
    prefixRoutes.put("/api/inflight/", new Route(HttpMethod.POST, this::cancelInflight));
    prefixRoutes.put("/logs/stream/", new Route(HttpMethod.GET, this::logStream));
  }

  private void route(Exchange ex, String path) {
    Route route = exactRoutes.get(path);
    String rest = "";
    if (route == null) {
      for (Map.Entry<String, Route> p : prefixRoutes.entrySet()) {
        if (path.startsWith(p.getKey())) {
          route = p.getValue();
          rest = path.substring(p.getKey().length());
          break;
        }
      }
    }
    if (route == null) {
      notFound(ex);
    } else if (!route.allows(ex.request.method())) {
      methodNotAllowed(ex, route.allowHeader());
    } else {
      route.handler().accept(ex, rest);
    }
  }

  /** {@code GET /v1/models}: the only route that echoes {@code Origin} for CORS (spec §2.4). */
  private void v1Models(Exchange ex) {
    String origin = ex.request.getHeader("Origin");
    if (origin != null) {
      ex.response.putHeader("Access-Control-Allow-Origin", origin);
    }
    json(ex, 200, GoJson.write(Payloads.v1Models(models.all())) + "\n");
  }

  private void version(Exchange ex) {
    Map<String, String> v = new LinkedHashMap<>(); // a Go map: keys come out sorted
    v.put("build_date", "2026-08-14T18:22:31Z");
    v.put("commit", "sim0001");
    v.put("version", config.sim().version());
    json(ex, 200, GoJson.write(v) + "\n");
  }

  private void activateProfile(Exchange ex) {
    withBody(
        ex,
        body -> {
          JsonNode name = body.path("name");
          if (name.isMissingNode()) {
            error(ex, 400, "invalid request body");
          } else if (name.isNull()) {
            json(ex, 200, "{\"active\":null}\n");
          } else {
            error(ex, 404, "profile not found: " + name.asText());
          }
        });
  }

  private void logs(Exchange ex) {
    String accept = Optional.ofNullable(ex.request.getHeader("Accept")).orElse("");
    if (accept.contains("text/html")) {
      ex.response.setStatusCode(302).putHeader("Location", "/ui/").end();
    } else {
      text(ex, 200, logs.muxHistory());
    }
  }

  private void cancelInflight(Exchange ex, String rest) {
    if (!rest.endsWith("/cancel")) {
      notFound(ex);
    } else if (inflight.cancel(rest.substring(0, rest.length() - "/cancel".length()))) {
      json(ex, 200, "{\"msg\":\"ok\"}\n");
    } else {
      error(ex, 404, "inflight request not found");
    }
  }

  // ---------------------------------------------------------------- inference

  private void inferenceRequest(
      Exchange ex, String reqPath, String servedPath, JsonNode body, Optional<String> pathModel) {
    String requested = pathModel.orElse(body.path("model").asText(""));
    if (requested.isEmpty()) {
      // No model: neither inflight nor activity (spec §3.1 step 3).
      error(ex, 404, "no model id could be identified");
      return;
    }
    Optional<String> resolved = config.resolveModel(requested);
    Inflight.Request tracked =
        inflight.start(
            resolved.orElse(requested),
            reqPath,
            ex.request.method().name(),
            CaptureCache.redactHeaders(ex.requestHeaders()),
            ex.clientIp());
    ex.track(tracked);
    byte[] reqBody = ex.rawBody != null ? ex.rawBody : bodyBytes(body);
    Runnable untrack = tracked::end;
    if (resolved.isEmpty()) {
      error(ex, 404, "no router for requested model");
      record(ex, requested, reqPath, reqBody, null, "no router for requested model", Map.of());
      untrack.run();
      return;
    }
    Models.Process process = models.get(resolved.get());
    tracked.onCancel(ex::reset);
    Optional<Faults.Failure> failure = faults.nextFailure();
    if (failure.isPresent()) {
      failInjected(ex, failure.get(), resolved.get(), reqPath, reqBody);
      untrack.run();
      return;
    }
    if (process.admitted() >= process.config.concurrencyLimit()) {
      ex.response.putHeader("Retry-After", "1");
      String message = "Too many requests";
      json(ex, 429, ErrorBodies.json(429, message, "concurrency_limit"));
      record(ex, process.id(), reqPath, reqBody, null, message, Map.of());
      untrack.run();
      return;
    }
    String kind =
        servedPath.endsWith("/chat/completions")
            ? "chat"
            : servedPath.endsWith("/embeddings") ? "embedding" : "completion";
    Models.Ticket ticket = models.acquire(process.id());
    Future<Models.Process> ready = ticket.ready();
    ex.onClose(
        () -> {
          if (!ready.isComplete()) {
            ticket.leave().run(); // gone while waiting: out of the queue (spec §3.1)
            untrack.run();
          }
        });
    ready.onComplete(
        ar -> {
          if (ar.failed()) {
            String message = ar.cause().getMessage();
            error(ex, 500, message);
            record(ex, process.id(), reqPath, reqBody, null, message, Map.of("fifo_priority", "0"));
            untrack.run();
            return;
          }
          if (ex.response.closed()) {
            models.release(process);
            untrack.run();
            return;
          }
          inference.serve(
              ex,
              process,
              kind,
              body,
              faults.slowFactor(),
              outcome -> {
                models.release(process);
                if (ex.response.getStatusCode() == 502) {
                  record(ex, process.id(), reqPath, reqBody, null, "502 Bad Gateway", Map.of());
                } else {
                  recordServed(ex, process.id(), reqPath, reqBody, outcome);
                }
                untrack.run();
              });
        });
  }

  private void failInjected(
      Exchange ex, Faults.Failure f, String model, String reqPath, byte[] reqBody) {
    String message;
    switch (f.status()) {
      case 429 -> {
        ex.response.putHeader("Retry-After", "1");
        message = "Too many requests";
        json(ex, 429, ErrorBodies.json(429, message, "concurrency_limit"));
      }
      case 502 -> {
        // Go's reverse proxy answers a broken upstream with an empty 502.
        message = "502 Bad Gateway";
        ex.response.setStatusCode(502).end();
      }
      case 503 -> {
        message = "[" + model + "] process is not ready";
        json(ex, 503, ErrorBodies.json(503, message));
      }
      default -> {
        // An upstream (llama.cpp) error passes through unchanged: no "src".
        message = f.message();
        ObjectNode err = GoJson.mapper().createObjectNode();
        ObjectNode inner = err.putObject("error");
        inner.put("code", f.status());
        inner.put("message", message);
        inner.put("type", "server_error");
        json(ex, f.status(), GoJson.write(err));
      }
    }
    record(ex, model, reqPath, reqBody, null, message, Map.of());
  }

  private void recordServed(
      Exchange ex, String model, String reqPath, byte[] reqBody, Inference.Outcome o) {
    int status = ex.response.getStatusCode();
    long wallMs = ex.elapsedNanos() / 1_000_000;
    ActivityDraft draft;
    if (o.timingsReported()) {
      int promptN = Math.max(0, o.promptTokens() - o.cachedTokens());
      double pps = o.promptMs() > 0 ? 1000 / o.promptMs() * promptN : -1;
      double tps = o.predictedMs() > 0 ? 1000 / o.predictedMs() * o.completionTokens() : -1;
      draft =
          ActivityDraft.of(
              Instant.now(),
              model,
              reqPath,
              contentType(ex),
              status,
              o.cachedTokens(),
              promptN,
              o.completionTokens(),
              pps,
              tps,
              Math.max(wallMs, Math.round(o.promptMs() + o.predictedMs())),
              null,
              Map.of("fifo_priority", "0"));
    } else if (o.usageReported()) {
      // Usage but no timings (embeddings): unknown pieces are -1 (spec §8.1).
      draft =
          ActivityDraft.of(
              Instant.now(),
              model,
              reqPath,
              contentType(ex),
              status,
              -1,
              o.promptTokens(),
              0,
              -1,
              -1,
              wallMs,
              null,
              Map.of("fifo_priority", "0"));
    } else {
      draft =
          ActivityDraft.of(
              Instant.now(),
              model,
              reqPath,
              contentType(ex),
              status,
              0,
              0,
              0,
              0,
              0,
              wallMs,
              null,
              Map.of("fifo_priority", "0"));
    }
    store(draft, ex, reqPath, reqBody, o.completed());
  }

  /** A failed request: tokens all 0, error_msg set, a request-only capture (v229+). */
  private void record(
      Exchange ex,
      String model,
      String reqPath,
      byte[] reqBody,
      String contentType,
      String errorMsg,
      Map<String, String> metadata) {
    ActivityDraft draft =
        ActivityDraft.of(
            Instant.now(),
            model,
            reqPath,
            contentType == null ? contentType(ex) : contentType,
            ex.response.getStatusCode(),
            0,
            0,
            0,
            0,
            0,
            ex.elapsedNanos() / 1_000_000,
            errorMsg,
            metadata);
    store(draft, ex, reqPath, reqBody, false);
  }

  private void store(
      ActivityDraft draft, Exchange ex, String reqPath, byte[] reqBody, boolean withResponse) {
    ActivityRow row = insert(draft);
    captures.put(
        new Capture(
            row.id(),
            reqPath,
            CaptureCache.redactHeaders(ex.requestHeaders()),
            reqBody,
            ex.responseHeaders(),
            withResponse ? capturedResponse(ex) : null));
    announce(row);
  }

  /** Stores a row, and records it in the ledger the moment it exists. */
  private ActivityRow insert(ActivityDraft draft) {
    ActivityRow row = activity.add(draft);
    // Whether an event stream will carry its notice: a listening host with a live subscriber.
    ledger.record(row, server != null && events.subscriberCount() > 0 && !events.hung());
    return row;
  }

  /** The event goes out after the row is stored, so a fetch always finds it (spec §7.3.3). */
  private void announce(ActivityRow row) {
    events.publish("activity", Map.of("id", row.id()));
  }

  private byte[] capturedResponse(Exchange ex) {
    return ex.capturedBody == null ? null : ex.capturedBody.getBytes();
  }

  private static String contentType(Exchange ex) {
    String ct = ex.response.headers().get("Content-Type");
    return ct == null ? "" : ct;
  }

  // ---------------------------------------------------------------- /upstream

  private void upstream(Exchange ex, String rest) {
    // The longest leading run of segments that names a model wins (spec §2.7).
    String[] parts = rest.split("/", -1);
    String model = null;
    int used = 0;
    for (int i = parts.length; i >= 1; i--) {
      String candidate = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i));
      if (config.resolveModel(candidate).isPresent()) {
        model = config.resolveModel(candidate).get();
        used = i;
        break;
      }
    }
    if (model == null) {
      error(ex, 404, "model not found");
      return;
    }
    String remaining =
        "/" + String.join("/", java.util.Arrays.copyOfRange(parts, used, parts.length));
    if (used == parts.length) {
      HttpMethod m = ex.request.method();
      int status = m == HttpMethod.GET || m == HttpMethod.HEAD ? 301 : 308;
      ex.response.setStatusCode(status).putHeader("Location", "/upstream/" + rest + "/").end();
      return;
    }
    Models.Process p = models.get(model);
    if (IGNORE_PATHS.matcher(remaining).matches() && p.state != Models.State.READY) {
      error(ex, 409, "model " + model + " is not loaded; path matches upstream.ignorePaths");
      return;
    }
    if (ex.request.method() == HttpMethod.POST && ROUTED_POSTS.contains(remaining)) {
      String target = model;
      withBody(ex, body -> inferenceRequest(ex, remaining, remaining, body, Optional.of(target)));
      return;
    }
    // Any other path loads the model first (spec §5), then answers like llama-server.
    final String m = model;
    Future<Models.Process> ready = models.acquire(m).ready();
    ready.onComplete(
        ar -> {
          if (ar.failed()) {
            error(ex, 500, ar.cause().getMessage());
            return;
          }
          models.release(ar.result());
          switch (remaining) {
            case "/health" -> json(ex, 200, "{\"status\":\"ok\"}");
            case "/props" -> json(ex, 200, GoJson.write(Payloads.props(ar.result().config)));
            case "/" -> {
              ex.response.putHeader("Content-Type", "text/html; charset=utf-8");
              ex.end("<!doctype html><title>llama.cpp (simulated " + m + ")</title>");
            }
            default -> {
              ex.response
                  .setStatusCode(404)
                  .putHeader("Content-Type", "application/json; charset=utf-8");
              ex.end(
                  "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}");
            }
          }
        });
  }

  // ---------------------------------------------------------------- control endpoints

  private void unloadOne(Exchange ex, String requested) {
    Optional<String> id = config.resolveModel(requested);
    if (id.isEmpty()) {
      error(ex, 404, "model not found");
      return;
    }
    models.stop(models.get(id.get()), "unload").onComplete(v -> text(ex, 200, "OK"));
  }

  private void capture(Exchange ex, String idText) {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      error(ex, 400, "invalid capture ID");
      return;
    }
    Optional<Capture> c = captures.get(id);
    if (c.isEmpty()) {
      error(ex, 404, "capture not found");
      return;
    }
    json(ex, 200, GoJson.write(c.get()));
  }

  private void activityPage(Exchange ex) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    ex.request
        .params()
        .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    ActivityQuery q;
    try {
      q = ActivityStore.parseQuery(params);
    } catch (ActivityQueryException e) {
      error(ex, 400, e.getMessage());
      return;
    }
    var page = activity.query(q);
    // has_capture is worked out on every read: a capture can be evicted later.
    var rows = page.data().stream().map(r -> r.withHasCapture(captures.contains(r.id()))).toList();
    json(ex, 200, GoJson.write(page.withData(rows)) + "\n");
  }

  private void performance(Exchange ex) {
    if (config.performanceDisabled()) {
      json(ex, 503, "{\"enabled\":false}\n");
      return;
    }
    Instant after = null;
    String afterText = ex.request.getParam("after");
    if (afterText != null) {
      try {
        after = OffsetDateTime.parse(afterText).toInstant();
      } catch (DateTimeParseException e) {
        error(ex, 400, "invalid 'after' timestamp, use RFC3339 format");
        return;
      }
    }
    List<Object> gpu = new ArrayList<>();
    List<Object> sys = new ArrayList<>();
    for (PerfModel.Sample s : perfRing) {
      if (after == null || s.timestamp().isAfter(after)) {
        gpu.addAll(s.gpus());
        sys.add(s.system());
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("enabled", true);
    // Before the first sample both arrays are null (Go nil slices).
    body.put("gpu_stats", perfRing.isEmpty() ? null : gpu);
    body.put("sys_stats", perfRing.isEmpty() ? null : sys);
    json(ex, 200, GoJson.write(body) + "\n");
  }

  private void metrics(Exchange ex) {
    if (config.performanceDisabled() || perfRing.isEmpty()) {
      ex.response.setStatusCode(503).putHeader("Content-Type", "text/plain; charset=utf-8");
      ex.end("# performance monitor not available\n");
      return;
    }
    ex.response.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.end(PerfModel.prometheus(perfRing.peekLast()));
  }

  private void apiEvents(Exchange ex) {
    EventHub.Subscriber s = events.subscribe(ex.response);
    ex.onClose(() -> events.unsubscribe(s));
    // The initial burst, in llama-swap's order (spec §7.2), in one event-loop turn.
    events.send(s, "logData", Map.of("data", logs.proxyHistory(), "source", "proxy"));
    events.send(s, "logData", Map.of("data", logs.upstreamHistory(), "source", "upstream"));
    events.send(s, "modelStatus", Payloads.modelStatus(models.all()));
    events.send(
        s, "uiConfig", Map.of("activity", Map.of("session_id", config.uiSessionIdHeaders())));
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("active", null);
    events.send(s, "profileChanged", profile);
    events.send(s, "inflight", inflight.snapshot());
  }

  private void logStream(Exchange ex, String id) {
    String key;
    if (id.isEmpty()) {
      key = "mux";
    } else if (id.equals("proxy") || id.equals("upstream")) {
      key = id;
    } else {
      Optional<String> model =
          config.resolveModel(java.net.URLDecoder.decode(id, StandardCharsets.UTF_8));
      if (model.isEmpty()) {
        error(ex, 400, "invalid logger. Use 'proxy', 'upstream' or a model's ID");
        return;
      }
      key = "model:" + model.get();
    }
    HttpServerResponse r = ex.response;
    r.setChunked(true);
    r.putHeader("Content-Type", "text/plain; charset=utf-8");
    r.putHeader("X-Accel-Buffering", "no");
    r.putHeader("X-Content-Type-Options", "nosniff");
    r.writeHead();
    if (ex.request.params().get("no-history") == null
        && !ex.request.params().contains("no-history")) {
      String history = logs.history(key);
      if (!history.isEmpty()) {
        r.write(history);
      }
    }
    ex.onClose(logs.follow(key, r));
  }

  // ---------------------------------------------------------------- helpers

  private boolean authorized(HttpServerRequest req) {
    List<String> keys = config.apiKeys();
    if (keys.isEmpty()) {
      return true;
    }
    String auth = Optional.ofNullable(req.getHeader("Authorization")).orElse("");
    if (auth.startsWith("Basic ")) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon >= 0 && keys.contains(decoded.substring(colon + 1))) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (auth.startsWith("Bearer ") && keys.contains(auth.substring(7).trim())) {
      return true;
    }
    String xApiKey = req.getHeader("x-api-key");
    return xApiKey != null && keys.contains(xApiKey);
  }

  private void cors(HttpServerRequest req) {
    HttpServerResponse r = req.response();
    r.putHeader("Access-Control-Allow-Origin", "*");
    r.putHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    String requested = req.getHeader("Access-Control-Request-Headers");
    if (requested != null) {
      r.putHeader("Access-Control-Allow-Headers", requested.replaceAll("[^A-Za-z0-9,\\- ]", ""));
    }
    r.putHeader("Access-Control-Max-Age", "86400");
    r.setStatusCode(204).end();
  }

  private void withBody(Exchange ex, java.util.function.Consumer<JsonNode> then) {
    ex.request
        .body()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                return;
              }
              Buffer b = ar.result();
              JsonNode body;
              try {
                body =
                    b.length() == 0
                        ? GoJson.mapper().createObjectNode()
                        : GoJson.mapper().readTree(b.getBytes());
              } catch (java.io.IOException e) {
                body = GoJson.mapper().createObjectNode();
              }
              ex.rawBody = b.getBytes();
              then.accept(body == null ? GoJson.mapper().createObjectNode() : body);
            });
  }

  private static byte[] bodyBytes(JsonNode body) {
    return GoJson.mapper().valueToTree(body).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void methodNotAllowed(Exchange ex, String allow) {
    ex.response.putHeader("Allow", allow);
    ex.response.setStatusCode(405).putHeader("Content-Type", "text/plain; charset=utf-8");
    ex.end("Method Not Allowed\n");
  }

  private static void notFound(Exchange ex) {
    ex.response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8");
    ex.response.putHeader("X-Content-Type-Options", "nosniff");
    ex.end("404 page not found\n");
  }

  /** A llama-swap-made error: JSON envelope, or {@code llama-swap: msg} for Accept text/plain. */
  private static void error(Exchange ex, int status, String message) {
    if (ex.response.headWritten()) {
      ex.end();
      return;
    }
    String accept = Optional.ofNullable(ex.request.getHeader("Accept")).orElse("");
    if (accept.contains("text/plain")) {
      ex.response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8");
      ex.end(ErrorBodies.text(message));
      return;
    }
    json(ex, status, ErrorBodies.json(status, message));
  }

  private static void json(Exchange ex, int status, String body) {
    ex.response.setStatusCode(status).putHeader("Content-Type", "application/json");
    ex.end(body);
  }

  private static void text(Exchange ex, int status, String body) {
    ex.response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8");
    ex.end(body);
  }

  private void accessLog(Exchange ex) {
    if (ex.logged) {
      return;
    }
    ex.logged = true;
    String ua = Optional.ofNullable(ex.request.getHeader("User-Agent")).orElse("");
    logs.info(
        "Request "
            + ex.clientIp()
            + " \""
            + ex.request.method().name()
            + " "
            + ex.request.path()
            + " "
            + "HTTP/1.1"
            + "\" "
            + ex.response.getStatusCode()
            + " "
            + ex.bytes
            + " \""
            + ua
            + "\" "
            + GoDuration.format(ex.elapsedNanos()));
  }
}
