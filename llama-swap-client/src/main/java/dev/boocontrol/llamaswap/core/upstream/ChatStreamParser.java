package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.sse.SseEvent;
import dev.boocontrol.llamaswap.core.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAI-style chat completion stream ({@code data: <json>} events ending with {@code
 * data: [DONE]}) as it passes by, collecting content, usage, llama.cpp timings and the finish
 * reason, and telling llama-swap's loading-state prelude apart from model output.
 *
 * <p>Feed raw response bytes with {@link #feed(byte[])} (any split), or classify single payloads
 * with {@link #parseChunk(String)}. Not thread-safe.
 */
public final class ChatStreamParser {

  private final SseParser sse;
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final StringBuilder prelude = new StringBuilder();
  private final List<String> errors = new ArrayList<>();
  private String id = "";
  private String model = "";
  private String finishReason;
  private Usage usage;
  private Timings timings;
  private int completionChunks;
  private int preludeChunks;
  private int malformedChunks;
  private boolean done;

  public ChatStreamParser() {
    this(SseParser.DEFAULT_MAX_LINE_BYTES);
  }

  public ChatStreamParser(int maxLineBytes) {
    this.sse = new SseParser(maxLineBytes, this::onEvent);
  }

  /** Parses a complete stream held in memory. */
  public static ChatStreamSummary parseAll(String streamText) {
    ChatStreamParser parser = new ChatStreamParser();
    parser.feed(streamText.getBytes(StandardCharsets.UTF_8));
    parser.finish();
    return parser.summary();
  }

  /** Feeds the next bytes of the response body. */
  public void feed(byte[] bytes) {
    sse.feed(bytes);
  }

  /** Feeds part of an array. */
  public void feed(byte[] bytes, int offset, int length) {
    sse.feed(bytes, offset, length);
  }

  /** Ends the body; a last event without its blank line is still counted. */
  public void finish() {
    sse.feed(new byte[] {'\n', '\n'});
    sse.finish();
  }

  /** What the stream said so far. */
  public ChatStreamSummary summary() {
    return new ChatStreamSummary(
        id,
        model,
        content.toString(),
        reasoning.toString(),
        prelude.toString(),
        completionChunks,
        preludeChunks,
        finishReason,
        usage,
        timings,
        errors,
        malformedChunks,
        done);
  }

  /** Lines over the SSE line cap that were skipped. */
  public long oversizeLinesDropped() {
    return sse.oversizeLinesDropped();
  }

  private void onEvent(SseEvent event) {
    accept(parseChunk(event.data()));
  }

  /** Adds one already classified chunk to the summary. */
  public void accept(ChatStreamChunk chunk) {
    switch (chunk.kind()) {
      case DONE -> done = true;
      case MALFORMED -> malformedChunks++;
      case ERROR -> errors.add(chunk.error());
      case LOADING_PRELUDE -> {
        preludeChunks++;
        prelude.append(chunk.reasoningDelta());
      }
      case COMPLETION -> {
        completionChunks++;
        if (chunk.id() != null && !chunk.id().isEmpty()) {
          id = chunk.id();
        }
        if (chunk.model() != null && !chunk.model().isEmpty()) {
          model = chunk.model();
        }
        content.append(chunk.contentDelta());
        reasoning.append(chunk.reasoningDelta());
        if (chunk.finishReason() != null) {
          finishReason = chunk.finishReason();
        }
        if (chunk.usage() != null) {
          usage = chunk.usage();
        }
        if (chunk.timings() != null) {
          timings = chunk.timings(); // with timings_per_token every chunk has some; the last wins
        }
      }
    }
  }

  /** Classifies the data of one SSE event of a chat stream. Never throws. */
  public static ChatStreamChunk parseChunk(String data) {
    String trimmed = data == null ? "" : data.strip();
    if (trimmed.equals("[DONE]")) {
      return new ChatStreamChunk(
          ChatStreamChunk.Kind.DONE, null, null, "", "", null, null, null, null, null);
    }
    JsonNode json;
    try {
      json = LlamaSwapJson.mapper().readTree(trimmed);
    } catch (Exception e) {
      return malformed("not JSON");
    }
    if (json == null || !json.isObject()) {
      return malformed("not a JSON object");
    }
    if (json.has("error") && !json.has("choices")) {
      JsonNode error = json.get("error");
      String message =
          error.isObject() ? error.path("message").asText(error.toString()) : error.asText();
      return new ChatStreamChunk(
          ChatStreamChunk.Kind.ERROR, null, null, "", "", null, null, null, message, json);
    }
    JsonNode choice = json.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    String finish =
        choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
    Usage usage = json.path("usage").isObject() ? Usage.fromJson(json.get("usage")) : null;
    Timings timings = null;
    if (json.path("timings").isObject()) {
      try {
        timings = LlamaSwapJson.convert(json.get("timings"), Timings.class);
      } catch (RuntimeException e) {
        timings = null; // a fork's odd timings must not hide the content
      }
    }
    ChatStreamChunk.Kind kind =
        isLoadingPrelude(json)
            ? ChatStreamChunk.Kind.LOADING_PRELUDE
            : ChatStreamChunk.Kind.COMPLETION;
    return new ChatStreamChunk(
        kind,
        json.path("id").asText(""),
        json.path("model").asText(""),
        delta.path("content").isTextual() ? delta.get("content").asText() : "",
        delta.path("reasoning_content").isTextual() ? delta.get("reasoning_content").asText() : "",
        finish,
        usage,
        timings,
        null,
        json);
  }

  /**
   * llama-swap's loading chunks are exactly {@code
   * {"choices":[{"delta":{"reasoning_content":…}}]}}: no id, object or model, and nothing else in
   * the choice or delta.
   */
  static boolean isLoadingPrelude(JsonNode json) {
    if (json.has("id") || json.has("object") || json.has("model")) {
      return false;
    }
    if (json.size() != 1) {
      return false;
    }
    JsonNode choices = json.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      return false;
    }
    for (JsonNode choice : choices) {
      if (!onlyField(choice, "delta") || !onlyField(choice.get("delta"), "reasoning_content")) {
        return false;
      }
    }
    return true;
  }

  private static boolean onlyField(JsonNode node, String field) {
    if (node == null || !node.isObject() || node.size() != 1) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    return fields.next().getKey().equals(field);
  }

  private static ChatStreamChunk malformed(String reason) {
    return new ChatStreamChunk(
        ChatStreamChunk.Kind.MALFORMED, null, null, "", "", null, null, null, reason, null);
  }
}
