package dev.boocontrol.sim.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.sim.core.GoJson;
import dev.boocontrol.sim.core.SimConfig;
import dev.boocontrol.sim.core.SimConfigException;
import dev.boocontrol.sim.core.SimConfigParser;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's own fault-injection API, under {@code /sim} on every host port and under {@code
 * /sim/hosts/{port}} on the control port. Not part of llama-swap; never needs an API key.
 *
 * <pre>
 * GET  /sim/status                       state, subscribers, drops, faults
 * POST /sim/restart                      process restart: state and ids reset, new captured_at
 * POST /sim/reload                       config reload (optional body: a new config YAML)
 * POST /sim/events/hang | /events/resume  event stream silent but open (half-open)
 * POST /sim/events/inject                body written as-is into every open event stream
 * POST /sim/connections/drop             close every TCP connection
 * POST /sim/faults/inference             {"status":503,"count":3,"message":"…"} (count -1: until cleared)
 * POST /sim/faults/slow                  {"factor":5}: tokens 5x slower
 * DELETE /sim/faults                     clear inference faults
 * POST /sim/models/{id}/crash            the model's upstream exits by itself
 * POST /sim/down?mode=refuse|hang        host down: listener closed, or accepting and never answering
 * POST /sim/up                           host back (after refuse: as a restarted process)
 * GET  /sim/ledger                       every activity row of every process lifetime (test oracle)
 * DELETE /sim/ledger                     forget recorded rows; the current epoch stays
 * POST /sim/activity/synthesize          {"rows":5000,"per_second":2000,"model":"a"}: stored rows
 *                                        and activity events as if requests completed, no inference
 * </pre>
 *
 * <p>The ledger exists because llama-swap's store forgets rows and restarts its ids with each
 * process: a test of an ingest pipeline needs to know everything the host produced. Synthetic
 * activity exists to load that pipeline at rates real inference cannot reach on a test machine.
 */
public final class SimControl {

  private SimControl() {}

  public static void handle(SimHost host, HttpServerRequest req, String path) {
    req.body()
        .onComplete(
            ar -> {
              String body = ar.succeeded() ? ar.result().toString(StandardCharsets.UTF_8) : "";
              try {
                dispatch(host, req, path, body)
                    .onComplete(
                        r -> {
                          if (r.succeeded()) {
                            reply(req, 200, r.result());
                          } else if (r.cause() instanceof BadInput e) {
                            badInput(req, e); // found out on the host's event loop
                          } else {
                            reply(
                                req, 500, Map.of("error", String.valueOf(r.cause().getMessage())));
                          }
                        });
              } catch (BadInput e) {
                badInput(req, e);
              }
            });
  }

  private static void badInput(HttpServerRequest req, BadInput e) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("error", e.getMessage());
    err.put("field", e.field);
    reply(req, 400, err);
  }

  private static Future<Object> dispatch(
      SimHost host, HttpServerRequest req, String path, String body) {
    HttpMethod m = req.method();
    if (m == HttpMethod.GET && path.equals("/status")) {
      return host.status().map(s -> s);
    }
    if (m == HttpMethod.DELETE && path.equals("/faults")) {
      host.faults().clear();
      return host.status().map(s -> s);
    }
    if (path.equals("/ledger")) {
      if (m == HttpMethod.GET) {
        return host.ledger();
      }
      if (m == HttpMethod.DELETE) {
        return host.clearLedger();
      }
      throw new BadInput("method", "use GET or DELETE for /ledger");
    }
    if (m != HttpMethod.POST) {
      throw new BadInput("method", "use POST for " + path + " (GET /sim/status reads state)");
    }
    if (path.startsWith("/models/") && path.endsWith("/crash")) {
      String model = path.substring("/models/".length(), path.length() - "/crash".length());
      return host.crash(model).map(crashed -> Map.of("crashed", crashed, "model", model));
    }
    return switch (path) {
      case "/restart" -> host.restart().compose(v -> host.status().map(s -> s));
      case "/reload" -> host.reload(parseConfig(body)).compose(v -> host.status().map(s -> s));
      case "/events/hang" -> host.hangEvents(true).compose(v -> host.status().map(s -> s));
      case "/events/resume" -> host.hangEvents(false).compose(v -> host.status().map(s -> s));
      case "/events/inject" -> {
        if (body.isEmpty()) {
          throw new BadInput("body", "give the raw text to write into the event streams");
        }
        yield host.injectEvents(body).map(n -> Map.of("subscribers", n));
      }
      case "/logs/write" -> {
        JsonNode j = json(body);
        String source = j.path("source").asText("");
        if (!source.equals("proxy") && !source.equals("upstream")) {
          throw new BadInput("source", "source must be proxy or upstream");
        }
        if (!j.path("text").isTextual() || j.path("text").asText().isEmpty()) {
          throw new BadInput("text", "text must be a non-empty string");
        }
        String model = j.path("model").asText("");
        if (source.equals("upstream") && !host.hasModel(model)) {
          throw new BadInput("model", "upstream text needs a configured model id");
        }
        yield host.writeLog(source, model, j.path("text").asText())
            .map(v -> Map.of("written", j.path("text").asText().length()));
      }
      case "/connections/drop" -> host.dropConnections().map(v -> Map.of("dropped", true));
      case "/faults/inference" -> {
        JsonNode j = json(body);
        int status = intField(j, "status", -1);
        int count = intField(j, "count", 1);
        if (count == 0 || count < -1) {
          throw new BadInput("count", "count must be a positive number, or -1 for every request");
        }
        try {
          host.faults().failInference(status, count, j.path("message").asText(null));
        } catch (IllegalArgumentException e) {
          throw new BadInput("status", e.getMessage());
        }
        yield host.status().map(s -> s);
      }
      case "/faults/slow" -> {
        JsonNode j = json(body);
        if (!j.path("factor").isNumber()) {
          throw new BadInput("factor", "factor must be a number between 1 and 1000");
        }
        try {
          host.faults().slowTokens(j.path("factor").asDouble());
        } catch (IllegalArgumentException e) {
          throw new BadInput("factor", e.getMessage());
        }
        yield host.status().map(s -> s);
      }
      case "/down" -> {
        String mode = Optional.ofNullable(req.getParam("mode")).orElse("refuse");
        if (!mode.equals("refuse") && !mode.equals("hang")) {
          throw new BadInput("mode", "mode must be refuse or hang");
        }
        yield host.down(mode.equals("hang")).map(v -> Map.of("down", mode));
      }
      case "/up" -> host.up().compose(v -> host.status().map(s -> s));
      case "/activity/synthesize" -> {
        JsonNode j = json(body);
        int rows = boundedInt(j, "rows", 1, 10_000_000);
        int perSecond = boundedInt(j, "per_second", 1, 1_000_000);
        JsonNode model = j.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
          throw new BadInput("model", "model must be a string: a configured model id");
        }
        Optional<String> requested =
            model == null || model.isNull() ? Optional.empty() : Optional.of(model.asText());
        yield host.synthesize(rows, perSecond, requested).map(r -> r);
      }
      default -> throw new BadInput("path", "unknown simulator endpoint " + path);
    };
  }

  private static Optional<SimConfig> parseConfig(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SimConfigParser.parse(body, "reload body"));
    } catch (SimConfigException e) {
      throw new BadInput("config", String.join("; ", e.problems()));
    }
  }

  private static JsonNode json(String body) {
    try {
      JsonNode j = GoJson.mapper().readTree(body.isBlank() ? "{}" : body);
      if (j == null || !j.isObject()) {
        throw new BadInput("body", "body must be a JSON object");
      }
      return j;
    } catch (java.io.IOException e) {
      throw new BadInput("body", "body is not valid JSON");
    }
  }

  private static int intField(JsonNode j, String field, int fallback) {
    JsonNode v = j.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new BadInput(field, field + " must be an integer");
    }
    return v.intValue();
  }

  /** A required integer in {@code min..max}; anything else (missing, 2.5, "3") is a 400. */
  private static int boundedInt(JsonNode j, String field, int min, int max) {
    JsonNode v = j.get(field);
    if (v == null
        || !v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.longValue() < min
        || v.longValue() > max) {
      throw new BadInput(field, field + " must be an integer from " + min + " to " + max);
    }
    return v.intValue();
  }

  public static void reply(HttpServerRequest req, int status, Object body) {
    if (req.response().ended() || req.response().closed()) {
      return;
    }
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(GoJson.write(body) + "\n");
  }

  /** A bad simulator request: 400 with the field at fault. */
  static final class BadInput extends RuntimeException {
    final String field;

    BadInput(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }
}
