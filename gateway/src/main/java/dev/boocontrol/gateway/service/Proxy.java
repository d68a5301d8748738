package dev.boocontrol.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.policy.PolicySpec;
import dev.boocontrol.gateway.config.GatewayConfig;
import dev.boocontrol.gateway.core.Failover;
import dev.boocontrol.gateway.core.OpenAiError;
import dev.boocontrol.gateway.core.PromptEstimate;
import dev.boocontrol.gateway.core.RouteFacts;
import dev.boocontrol.gateway.core.RouteRequest;
import dev.boocontrol.gateway.core.Router;
import dev.boocontrol.gateway.core.RoutingView;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The OpenAI endpoints: resolves the requested model (a virtual model's policy, or a real model on
 * whichever host serves it), forwards the request to the best candidate and streams its answer back
 * unchanged; fails over to the next candidate while nothing has reached the client.
 */
@ApplicationScoped
public class Proxy {

  private static final Logger LOG = Logger.getLogger(Proxy.class);

  static final List<String> ENDPOINTS =
      List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings");
  static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._:@/-]{1,64}");
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "content-length");

  private final FleetSource fleet;
  private final PolicyStore policies;
  private final GatewayConfig config;
  private final MeterRegistry registry;
  private final DispatchLog dispatches;
  private HttpClient http;

  Proxy(
      FleetSource fleet,
      PolicyStore policies,
      GatewayConfig config,
      MeterRegistry registry,
      DispatchLog dispatches) {
    this.dispatches = dispatches;
    this.fleet = fleet;
    this.policies = policies;
    this.config = config;
    this.registry = registry;
  }

  void routes(@Observes io.vertx.ext.web.Router router, Vertx vertx) {
    http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(64));
    for (String path : ENDPOINTS) {
      router
          .post(path)
          .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
          .handler(ctx -> dispatch(ctx, path));
    }
    router.get("/v1/models").handler(this::models);
  }

  /** Virtual models first, then every real model some host serves. */
  private void models(RoutingContext ctx) {
    List<Map<String, Object>> data = new ArrayList<>();
    long created = System.currentTimeMillis() / 1000;
    policies.all().keySet().forEach(name -> data.add(model(name, created, "boocontrol")));
    fleet.view().servedBy().keySet().forEach(id -> data.add(model(id, created, "llama-swap")));
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(Json.write(Map.of("object", "list", "data", data)));
  }

  private static Map<String, Object> model(String id, long created, String owner) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("object", "model");
    m.put("created", created);
    m.put("owned_by", owner);
    return m;
  }

  private void dispatch(RoutingContext ctx, String path) {
    JsonNode body;
    try {
      body =
          Json.MAPPER.readTree(
              ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (java.io.IOException bad) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      refuse(
          ctx,
          400,
          "the request body must be a JSON object",
          "invalid_request_error",
          null,
          "invalid_json");
      return;
    }
    JsonNode modelField = body.get("model");
    if (modelField == null || !modelField.isTextual() || modelField.asText().isBlank()) {
      refuse(
          ctx,
          400,
          "model is required: a model id or a virtual model (auto, auto:code, ...)",
          "invalid_request_error",
          "model",
          "missing_model");
      return;
    }
    String requested = modelField.asText();
    String source = ctx.request().getHeader("X-Boo-Source");
    String consumer = source != null && SOURCE.matcher(source).matches() ? source : "anonymous";
    RouteRequest request =
        new RouteRequest(
            consumer,
            PromptEstimate.hasTools(body),
            PromptEstimate.tokens(body),
            ctx.request().getHeader("X-Boo-Hint"));
    RoutingView view = fleet.view();
    PolicySpec policy = policies.all().get(requested);
    PolicySpec spec =
        policy != null
            ? policy
            : new PolicySpec(List.of(), List.of(requested), List.of("warm"), null);
    Router.Decision decision = Router.route(spec, request, view, RouteFacts.NONE);
    if (decision.considered().isEmpty()) {
      refuse(
          ctx,
          404,
          requested.startsWith("auto")
              ? "no virtual model "
                  + requested
                  + " (there are: "
                  + String.join(", ", policies.all().keySet())
                  + ") and no host serves a model of that name"
              : "no host serves model " + requested,
          "invalid_request_error",
          "model",
          "model_not_found");
      return;
    }
    Dispatch d =
        new Dispatch(
            ctx,
            path,
            (ObjectNode) body,
            requested,
            policy != null,
            consumer,
            decision,
            UUID.randomUUID(),
            Instant.now(),
            System.nanoTime(),
            new ArrayList<>());
    if (decision.empty()) {
      String why =
          decision.considered().stream()
              .map(c -> c.hostId() + "/" + c.modelId() + ": " + c.reason())
              .distinct()
              .limit(5)
              .reduce((a, b) -> a + "; " + b)
              .orElse("");
      String message = "no host can serve " + requested + " now (" + why + ")";
      refuse(ctx, 503, message, "server_error", null, "no_capacity");
      log(d, null, 503, message, null);
      return;
    }
    attempt(d, 0, new ArrayList<>());
  }

  /**
   * One client request being routed. Every attempt sends the same request id, so the host's
   * activity row of the attempt that answered links back to this dispatch.
   */
  private record Dispatch(
      RoutingContext ctx,
      String path,
      ObjectNode body,
      String requested,
      boolean virtual,
      String consumer,
      Router.Decision decision,
      UUID requestId,
      Instant startedAt,
      long startedNanos,
      List<Map<String, Object>> attempts) {
    int maxAttempts(int configured) {
      return Math.min(configured, decision.ranked().size());
    }

    double msSinceStart() {
      return (System.nanoTime() - startedNanos) / 1e6;
    }

    void attempted(RoutingView.Pair pair, String outcome, long sinceNanos) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("hostId", pair.host().hostId());
      a.put("modelId", pair.model().modelId());
      a.put("outcome", outcome);
      a.put("ms", Math.round((System.nanoTime() - sinceNanos) / 1e6));
      attempts.add(a);
    }
  }

  private void log(Dispatch d, RoutingView.Pair chosen, int status, String error, Double ttftMs) {
    dispatches.record(
        new DispatchLog.Entry(
            d.requestId(),
            d.startedAt(),
            d.consumer(),
            d.path(),
            d.requested(),
            d.virtual() ? d.requested() : null,
            d.decision().considered(),
            chosen == null ? null : chosen.host().hostId(),
            chosen == null ? null : chosen.model().modelId(),
            chosen != null && chosen.model().warmRank() == 2,
            List.copyOf(d.attempts()),
            d.body().path("stream").asBoolean(false),
            status,
            error,
            ttftMs,
            d.msSinceStart()));
  }

  private void attempt(Dispatch d, int index, List<String> failures) {
    RoutingView.Pair pair = d.decision().ranked().get(index);
    String requestId = d.requestId().toString();
    long sent = System.nanoTime();
    ObjectNode body = d.body().deepCopy();
    body.put("model", pair.model().modelId());
    String base = pair.host().baseUrl().replaceAll("/+$", "");
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(base + d.path())
            .setTimeout(config.firstByteTimeout().toMillis())
            .putHeader("Content-Type", "application/json")
            .putHeader("X-Boo-Source", d.consumer())
            .putHeader("X-Boo-Request-Id", requestId);
    String accept = d.ctx().request().getHeader("Accept");
    if (accept != null) {
      options.putHeader("Accept", accept);
    }
    pair.host().apiKey().ifPresent(k -> options.putHeader("Authorization", "Bearer " + k));
    String where = pair.host().hostId() + "/" + pair.model().modelId();
    http.request(options)
        .compose(req -> req.send(Buffer.buffer(Json.write(body))))
        .onComplete(
            ar -> {
              if (d.ctx().response().closed()) {
                return;
              }
              if (ar.failed()) {
                d.attempted(pair, ar.cause().getClass().getSimpleName(), sent);
                failed(
                    d,
                    index,
                    failures,
                    where
                        + ": "
                        + ar.cause().getClass().getSimpleName()
                        + " "
                        + ar.cause().getMessage());
                return;
              }
              HttpClientResponse upstream = ar.result();
              d.attempted(pair, Failover.outcome(upstream.statusCode()), sent);
              if (Failover.retryStatus(upstream.statusCode())
                  && index + 1 < d.maxAttempts(config.maxAttempts())) {
                upstream
                    .body()
                    .onComplete(
                        ignored ->
                            failed(
                                d,
                                index,
                                failures,
                                where + ": " + Failover.outcome(upstream.statusCode())));
                return;
              }
              forward(d, pair, requestId, upstream);
            });
  }

  private void failed(Dispatch d, int index, List<String> failures, String failure) {
    failures.add(failure);
    registry.counter("boocontrol_gateway_failovers_total").increment();
    LOG.infof("%s: attempt %d failed (%s)", d.requested(), index + 1, failure);
    if (index + 1 < d.maxAttempts(config.maxAttempts())) {
      attempt(d, index + 1, failures);
    } else {
      String message =
          "every candidate for " + d.requested() + " failed: " + String.join("; ", failures);
      refuse(d.ctx(), 502, message, "server_error", null, "upstream_failed");
      log(d, null, 502, message, null);
    }
  }

  private void forward(
      Dispatch d, RoutingView.Pair pair, String requestId, HttpClientResponse upstream) {
    HttpServerResponse out = d.ctx().response();
    out.setStatusCode(upstream.statusCode());
    upstream
        .headers()
        .forEach(
            h -> {
              if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                out.headers().add(h.getKey(), h.getValue());
              }
            });
    String warmth =
        d.decision().considered().stream()
            .filter(
                c ->
                    c.kept()
                        && c.hostId().equals(pair.host().hostId())
                        && c.modelId().equals(pair.model().modelId()))
            .map(Router.Considered::reason)
            .findFirst()
            .orElse("");
    out.putHeader("X-BooControl-Host", pair.host().hostId());
    out.putHeader(
        "X-BooControl-Route",
        d.requested()
            + " -> "
            + pair.host().hostId()
            + "/"
            + pair.model().modelId()
            + " ("
            + warmth
            + ")");
    out.putHeader("X-Boo-Request-Id", requestId);
    String length = upstream.getHeader("Content-Length");
    if (length == null) {
      out.setChunked(true);
    } else {
      out.putHeader("Content-Length", length);
    }
    registry
        .counter(
            "boocontrol_gateway_requests_total", "status", Integer.toString(upstream.statusCode()))
        .increment();
    double ttft = d.msSinceStart();
    int status = upstream.statusCode();
    upstream
        .pipeTo(out)
        .onComplete(
            done ->
                log(
                    d,
                    pair,
                    status,
                    done.succeeded() ? null : "stream cut: " + done.cause().getMessage(),
                    ttft));
  }

  private void refuse(
      RoutingContext ctx, int status, String message, String type, String param, String code) {
    registry.counter("boocontrol_gateway_refused_total", "code", code).increment();
    LOG.infof("refused %d %s: %s", status, code, message);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(OpenAiError.json(message, type, param, code));
  }
}
