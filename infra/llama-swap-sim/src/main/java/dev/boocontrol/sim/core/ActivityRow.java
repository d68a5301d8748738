package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One stored activity row as {@code GET /api/metrics/activity} returns it (spec 8.1), fields in
 * llama-swap's order. {@code timestamp} has whole seconds; {@code errorMsg} and {@code metadata}
 * are left out of the JSON when empty. {@code hasCapture} is worked out on every read by the caller
 * ({@link #withHasCapture(boolean)}).
 */
public record ActivityRow(
    @JsonProperty("id") long id,
    @JsonProperty("timestamp") Instant timestamp,
    @JsonProperty("model") String model,
    @JsonProperty("req_path") String reqPath,
    @JsonProperty("resp_content_type") String respContentType,
    @JsonProperty("resp_status_code") int respStatusCode,
    @JsonProperty("tokens") ActivityTokens tokens,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("has_capture") boolean hasCapture,
    @JsonProperty("error_msg") @JsonInclude(JsonInclude.Include.NON_EMPTY) String errorMsg,
    @JsonProperty("metadata") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> metadata) {

  public ActivityRow {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    errorMsg = errorMsg == null ? "" : errorMsg;
  }

  static ActivityRow from(long id, ActivityDraft draft) {
    return new ActivityRow(
        id,
        draft.timestamp(),
        draft.model(),
        draft.reqPath(),
        draft.respContentType(),
        draft.respStatusCode(),
        draft.tokens(),
        draft.durationMs(),
        draft.hasCapture(),
        draft.errorMsg(),
        draft.metadata());
  }

  public ActivityRow withHasCapture(boolean value) {
    if (value == hasCapture) {
      return this;
    }
    return new ActivityRow(
        id,
        timestamp,
        model,
        reqPath,
        respContentType,
        respStatusCode,
        tokens,
        durationMs,
        value,
        errorMsg,
        metadata);
  }
}
