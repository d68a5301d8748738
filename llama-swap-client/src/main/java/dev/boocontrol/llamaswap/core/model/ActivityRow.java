package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One activity record (spec §8.1), read from every shape any release sent (§8.4): the HEAD shape
 * with nested {@code tokens}, the v209–v228 nested shapes without draft counts or metadata, and the
 * flat v140–v208 shapes with token fields at the top level.
 *
 * @param id row id (v236+ starts at 1; older in-memory rings at 0)
 * @param timestamp when the response was recorded, in the server's zone; null if missing
 * @param reqPath null before v209
 * @param respContentType null before v209
 * @param respStatusCode null before v209
 * @param hasCapture false when not reported (before v190)
 * @param errorMsg only for failures (v229+); otherwise null
 * @param metadata empty when left out
 * @param legacyFlat true for the flat v140–v208 shape
 */
public record ActivityRow(
    long id,
    OffsetDateTime timestamp,
    String model,
    String reqPath,
    String respContentType,
    Integer respStatusCode,
    ActivityTokens tokens,
    long durationMs,
    boolean hasCapture,
    String errorMsg,
    Map<String, String> metadata,
    boolean legacyFlat) {

  public ActivityRow {
    model = model == null ? "" : model;
    metadata = Collections2.map(metadata);
  }

  public Optional<String> error() {
    return Optional.ofNullable(errorMsg);
  }

  /** True when the request got a 200 (or, on flat legacy rows, when nothing says otherwise). */
  public boolean succeeded() {
    return respStatusCode == null ? errorMsg == null : respStatusCode == 200;
  }

  /** Reads a row of any known shape; unknown fields are ignored. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ActivityRow fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("activity row must be a JSON object");
    }
    JsonNode tokens = node.get("tokens");
    boolean flat = tokens == null || !tokens.isObject();
    JsonNode tokenSource = flat ? node : tokens;
    return new ActivityRow(
        node.path("id").asLong(),
        timestamp(node.get("timestamp")),
        text(node.get("model")),
        text(node.get("req_path")),
        text(node.get("resp_content_type")),
        node.hasNonNull("resp_status_code") ? node.get("resp_status_code").asInt() : null,
        new ActivityTokens(
            count(tokenSource, "cache_tokens"),
            count(tokenSource, "draft_tokens"),
            count(tokenSource, "draft_acc_tokens"),
            count(tokenSource, "input_tokens"),
            count(tokenSource, "output_tokens"),
            speed(tokenSource, "prompt_per_second"),
            speed(tokenSource, "tokens_per_second")),
        node.path("duration_ms").asLong(),
        node.path("has_capture").asBoolean(false),
        text(node.get("error_msg")),
        metadata(node.get("metadata")),
        flat);
  }

  private static long count(JsonNode source, String field) {
    JsonNode value = source.get(field);
    return value == null || value.isNull() ? ActivityTokens.ABSENT : value.asLong();
  }

  private static double speed(JsonNode source, String field) {
    JsonNode value = source.get(field);
    return value == null || value.isNull() ? ActivityTokens.ABSENT : value.asDouble();
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }

  private static OffsetDateTime timestamp(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<String, String> metadata(JsonNode value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value != null && value.isObject()) {
      value.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }
}
