package dev.boocontrol.sim.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.sim.core.GoJson;
import dev.boocontrol.sim.core.InferenceModel;
import dev.boocontrol.sim.core.TextGenerator;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a llama.cpp {@code llama-server} upstream answers (spec §3.2, §3.3; samples in {@code
 * upstream/}): chat completions streamed as role chunk, content chunks, finish chunk and, with
 * {@code stream_options.include_usage}, a {@code choices: []} chunk carrying {@code usage} and
 * {@code timings}; non-streamed bodies with both; embeddings with usage only. Time follows {@link
 * InferenceModel}; text follows {@link TextGenerator}, so output is the same for the same seed.
 */
final class Inference {

  static final String FINGERPRINT = "b7160-sim";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** How a served request ended, for the activity row. */
  record Outcome(
      int promptTokens,
      int cachedTokens,
      int completionTokens,
      double promptMs,
      double predictedMs,
      boolean usageReported,
      boolean timingsReported,
      boolean completed) {}

  private final Vertx vertx;
  private final InferenceModel timingModel;
  private final TextGenerator text;
  private final Map<String, String> lastPromptByModel = new HashMap<>();

  Inference(Vertx vertx, InferenceModel timingModel, TextGenerator text) {
    this.vertx = vertx;
    this.timingModel = timingModel;
    this.text = text;
  }

  void reset() {
    lastPromptByModel.clear();
  }

  /** The prompt text of a chat, completion or embedding body. */
  static String promptOf(JsonNode body) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode m : body.path("messages")) {
      JsonNode content = m.path("content");
      if (content.isTextual()) {
        sb.append(content.asText()).append('\n');
      } else if (content.isArray()) {
        content.forEach(part -> sb.append(part.path("text").asText("")).append('\n'));
      }
    }
    JsonNode prompt = body.has("prompt") ? body.get("prompt") : body.path("input");
    if (prompt.isTextual()) {
      sb.append(prompt.asText());
    } else if (prompt.isArray()) {
      prompt.forEach(p -> sb.append(p.asText()).append('\n'));
    }
    return sb.toString();
  }

  /**
   * Serves one request on a ready process.
   *
   * @param kind "chat", "completion" or "embedding"
   * @param onDone called once with the outcome (also when cut or cancelled)
   */
  void serve(
      Exchange ex,
      Models.Process process,
      String kind,
      JsonNode body,
      double slowFactor,
      java.util.function.Consumer<Outcome> onDone) {
    String model = process.id();
    String prompt = promptOf(body);
    int promptTokens = InferenceModel.estimateTokens(prompt);
    // KV-cache reuse: a prompt that extends the previous one on this model reuses its tokens.
    String previous = lastPromptByModel.put(model, prompt);
    int cached =
        previous != null && !previous.isEmpty() && prompt.startsWith(previous)
            ? Math.max(0, Math.min(promptTokens - 1, InferenceModel.estimateTokens(previous)))
            : 0;
    int maxTokens =
        body.path("max_tokens")
            .asInt(body.path("max_completion_tokens").asInt(body.path("n_predict").asInt(0)));
    InferenceModel.Timing plan =
        timingModel.plan(
            process.config.sim(),
            promptTokens,
            cached,
            maxTokens,
            Math.max(1, process.inFlight),
            slowFactor);

    ex.response.putHeader("Server", "llama.cpp");
    boolean stream = body.path("stream").asBoolean(false) && !kind.equals("embedding");
    if (stream) {
      ex.response.setChunked(true);
      ex.response.putHeader("Content-Type", "text/event-stream");
      ex.response.putHeader("X-Accel-Buffering", "no");
    } else {
      ex.response.putHeader("Content-Type", "application/json; charset=utf-8");
    }
    ex.response.setStatusCode(200);

    String id = "chatcmpl-" + randomId(prompt + model + System.nanoTime());
    long created = System.currentTimeMillis() / 1000;
    String seedKey = body.path("seed").asText("") + "|" + prompt;
    List<String> tokens = text.tokens(seedKey, plan.completionTokens());
    boolean hitLimit = maxTokens > 0 && tokens.size() >= maxTokens;

    State state = new State(ex, plan, promptTokens, cached, onDone);
    Runnable cut = state::cut;
    process.cutOnStop.add(cut);
    ex.onClose(() -> state.finish(false));
    if (ex.inflight() != null) {
      ex.inflight().onCancel(cut); // POST /api/inflight/{id}/cancel
    }
    state.untrack = () -> process.cutOnStop.remove(cut);

    if (kind.equals("embedding")) {
      vertx.setTimer(
          Math.max(1, Math.round(plan.promptMs())),
          t -> {
            ObjectNode out = JSON.objectNode();
            out.put("model", model);
            out.put("object", "list");
            ObjectNode usage = out.putObject("usage");
            usage.put("prompt_tokens", promptTokens);
            usage.put("total_tokens", promptTokens);
            ArrayNode data = out.putArray("data");
            JsonNode input = body.path("input");
            int n = input.isArray() ? Math.max(1, input.size()) : 1;
            for (int i = 0; i < n; i++) {
              ObjectNode e = data.addObject();
              ArrayNode vec = e.putArray("embedding");
              SplittableRandom r = new SplittableRandom(seedKey.hashCode() * 31L + i);
              for (int d = 0; d < 16; d++) {
                vec.add(Math.round((r.nextDouble() - 0.5) * 2000) / 10000.0);
              }
              e.put("index", i);
              e.put("object", "embedding");
            }
            headersSent(ex);
            state.usage = true;
            state.promptMsDone = plan.promptMs();
            ex.end(GoJson.write(out));
            state.finish(true);
          });
      return;
    }

    if (!stream) {
      double total = plan.promptMs() + plan.perTokenMs() * tokens.size();
      vertx.setTimer(
          Math.max(1, Math.round(total)),
          t -> {
            ObjectNode out = JSON.objectNode();
            ArrayNode choices = out.putArray("choices");
            ObjectNode c = choices.addObject();
            c.put("finish_reason", hitLimit ? "length" : "stop");
            c.put("index", 0);
            String joined = String.join("", tokens);
            if (kind.equals("chat")) {
              ObjectNode msg = c.putObject("message");
              msg.put("role", "assistant");
              msg.put("content", joined);
            } else {
              c.put("text", joined);
              c.putNull("logprobs");
            }
            out.put("created", created);
            out.put("model", model);
            out.put("system_fingerprint", FINGERPRINT);
            out.put("object", kind.equals("chat") ? "chat.completion" : "text_completion");
            out.set("usage", usage(promptTokens, cached, tokens.size()));
            out.put("id", id);
            out.set("timings", timings(plan, promptTokens, cached, tokens.size()));
            headersSent(ex);
            state.usage = true;
            state.timings = true;
            state.generated = tokens.size();
            state.promptMsDone = plan.promptMs();
            state.predictedMsDone = plan.perTokenMs() * tokens.size();
            ex.end(GoJson.write(out));
            state.finish(true);
          });
      return;
    }

    // Streaming: headers first (llama.cpp answers at once), then chunks paced by the plan.
    headersSent(ex);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    boolean chat = kind.equals("chat");
    long startNanos = System.nanoTime();
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          if (state.done) {
            return;
          }
          double elapsedMs = (System.nanoTime() - startNanos) / 1e6;
          // Emit every token that is due by now; wake up for the next one.
          while (state.generated < tokens.size()
              && elapsedMs >= plan.promptMs() + plan.perTokenMs() * state.generated) {
            if (state.generated == 0 && chat) {
              ObjectNode role = chunk(id, created, model, chat);
              ObjectNode delta = ((ObjectNode) role.get("choices").get(0)).putObject("delta");
              delta.put("role", "assistant");
              delta.putNull("content");
              ex.write("data: " + GoJson.write(role) + "\n\n");
            }
            ObjectNode c = chunk(id, created, model, chat);
            ObjectNode choice = (ObjectNode) c.get("choices").get(0);
            if (chat) {
              choice.putObject("delta").put("content", tokens.get(state.generated));
            } else {
              choice.put("text", tokens.get(state.generated));
            }
            ex.write("data: " + GoJson.write(c) + "\n\n");
            state.generated++;
          }
          if (state.generated < tokens.size()) {
            double nextDue = plan.promptMs() + plan.perTokenMs() * state.generated;
            vertx.setTimer(Math.max(1, Math.round(nextDue - elapsedMs)), t -> step[0].run());
            return;
          }
          ObjectNode fin = chunk(id, created, model, chat);
          ObjectNode choice = (ObjectNode) fin.get("choices").get(0);
          choice.put("finish_reason", hitLimit ? "length" : "stop");
          if (chat) {
            choice.putObject("delta");
          } else {
            choice.put("text", "");
          }
          ObjectNode timings = timings(plan, promptTokens, cached, tokens.size());
          if (includeUsage) {
            ex.write("data: " + GoJson.write(fin) + "\n\n");
            ObjectNode last = chunk(id, created, model, chat);
            ((ArrayNode) last.get("choices")).removeAll();
            last.set("usage", usage(promptTokens, cached, tokens.size()));
            last.set("timings", timings);
            ex.write("data: " + GoJson.write(last) + "\n\n");
          } else {
            fin.set("timings", timings);
            ex.write("data: " + GoJson.write(fin) + "\n\n");
          }
          // Outcome first: ending the response may run the close handler at once.
          state.usage = includeUsage;
          state.timings = true;
          state.promptMsDone = plan.promptMs();
          state.predictedMsDone = plan.perTokenMs() * tokens.size();
          ex.end("data: [DONE]\n\n");
          state.finish(true);
        };
    vertx.setTimer(Math.max(1, Math.round(plan.promptMs())), t -> step[0].run());
  }

  private static void headersSent(Exchange ex) {
    if (ex.inflight() != null) {
      ex.inflight().headers(ex.responseHeaders());
    }
  }

  /** Progress of one served request; finishes exactly once. */
  private static final class State {
    final Exchange ex;
    final InferenceModel.Timing plan;
    final int promptTokens;
    final int cached;
    final java.util.function.Consumer<Outcome> onDone;
    int generated;
    boolean usage;
    boolean timings;
    double promptMsDone;
    double predictedMsDone;
    boolean done;
    Runnable untrack = () -> {};

    State(
        Exchange ex,
        InferenceModel.Timing plan,
        int promptTokens,
        int cached,
        java.util.function.Consumer<Outcome> onDone) {
      this.ex = ex;
      this.plan = plan;
      this.promptTokens = promptTokens;
      this.cached = cached;
      this.onDone = onDone;
    }

    /**
     * The model was unloaded or crashed under this request, or it was cancelled. Before any header
     * went out Go's reverse proxy answers an empty 502; after, the connection just breaks.
     */
    void cut() {
      if (done) {
        return;
      }
      if (!ex.response.headWritten()) {
        ex.response.headers().clear();
        ex.response.setStatusCode(502);
        ex.end();
        finish(false);
      } else {
        ex.reset();
      }
    }

    /**
     * @param completed false when the client went away or the model was cut: the body then holds no
     *     usage, as a partial stream would not
     */
    void finish(boolean completed) {
      if (done) {
        return;
      }
      done = true;
      untrack.run();
      onDone.accept(
          new Outcome(
              promptTokens,
              cached,
              generated,
              promptMsDone,
              predictedMsDone,
              completed && usage,
              completed && timings,
              completed));
    }
  }

  private static ObjectNode chunk(String id, long created, String model, boolean chat) {
    ObjectNode c = JSON.objectNode();
    ObjectNode choice = c.putArray("choices").addObject();
    choice.putNull("finish_reason");
    choice.put("index", 0);
    if (!chat) {
      choice.putNull("logprobs");
    }
    c.put("created", created);
    c.put("id", id);
    c.put("model", model);
    c.put("system_fingerprint", FINGERPRINT);
    c.put("object", chat ? "chat.completion.chunk" : "text_completion");
    return c;
  }

  private static ObjectNode usage(int promptTokens, int cached, int completion) {
    ObjectNode u = JSON.objectNode();
    u.put("completion_tokens", completion);
    u.put("prompt_tokens", promptTokens);
    u.put("total_tokens", promptTokens + completion);
    u.putObject("prompt_tokens_details").put("cached_tokens", cached);
    return u;
  }

  /** llama.cpp {@code result_timings::to_json}, in its field order (spec §3.2). */
  static ObjectNode timings(
      InferenceModel.Timing plan, int promptTokens, int cached, int predicted) {
    int promptN = Math.max(0, promptTokens - cached);
    double promptMs = plan.promptMs();
    double predictedMs = plan.perTokenMs() * predicted;
    ObjectNode t = JSON.objectNode();
    t.put("cache_n", cached);
    t.put("prompt_n", promptN);
    t.put("prompt_ms", round3(promptMs));
    putRate(t, "prompt_per_token_ms", promptN == 0 ? Double.NaN : promptMs / promptN);
    putRate(t, "prompt_per_second", promptMs <= 0 ? Double.NaN : 1000 / promptMs * promptN);
    t.put("predicted_n", predicted);
    t.put("predicted_ms", round3(predictedMs));
    putRate(t, "predicted_per_token_ms", predicted == 0 ? Double.NaN : predictedMs / predicted);
    putRate(
        t, "predicted_per_second", predictedMs <= 0 ? Double.NaN : 1000 / predictedMs * predicted);
    return t;
  }

  /** NaN serialises as null, as llama.cpp's JSON library does. */
  private static void putRate(ObjectNode t, String field, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      t.putNull(field);
    } else {
      t.put(field, value);
    }
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String randomId(String key) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SplittableRandom r = new SplittableRandom(key.hashCode());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
