package dev.boocontrol.sim.core;

import java.time.Instant;
import java.util.Map;

/**
 * An activity row before the store gives it an id (same fields as {@link ActivityRow}). The store
 * truncates {@code timestamp} to whole seconds, as llama-swap stores Unix seconds.
 */
public record ActivityDraft(
    Instant timestamp,
    String model,
    String reqPath,
    String respContentType,
    int respStatusCode,
    ActivityTokens tokens,
    long durationMs,
    boolean hasCapture,
    String errorMsg,
    Map<String, String> metadata) {

  public ActivityDraft {
    if (timestamp == null) {
      throw new IllegalArgumentException("timestamp is required");
    }
    model = model == null ? "" : model;
    reqPath = reqPath == null ? "" : reqPath;
    respContentType = respContentType == null ? "" : respContentType;
    tokens = tokens == null ? ActivityTokens.none() : tokens;
    errorMsg = errorMsg == null ? "" : errorMsg;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /**
   * A row without speculative decoding. A failed request with no token information gets the
   * all-zero tokens of a response without usage; otherwise the draft counts are {@code -1}.
   */
  public static ActivityDraft of(
      Instant timestamp,
      String model,
      String reqPath,
      String respContentType,
      int respStatusCode,
      int cacheTokens,
      int inputTokens,
      int outputTokens,
      double promptPerSecond,
      double tokensPerSecond,
      long durationMs,
      String errorMsg,
      Map<String, String> metadata) {
    boolean noUsage =
        cacheTokens == 0
            && inputTokens == 0
            && outputTokens == 0
            && promptPerSecond == 0
            && tokensPerSecond == 0;
    ActivityTokens tokens =
        noUsage
            ? ActivityTokens.none()
            : ActivityTokens.llamaCpp(
                cacheTokens, inputTokens, outputTokens, promptPerSecond, tokensPerSecond);
    return new ActivityDraft(
        timestamp,
        model,
        reqPath,
        respContentType,
        respStatusCode,
        tokens,
        durationMs,
        false,
        capped(errorMsg),
        metadata);
  }

  /** llama-swap keeps at most 500 characters of an error message, then "..." (spec §8.1). */
  static String capped(String errorMsg) {
    return errorMsg != null && errorMsg.length() > 500
        ? errorMsg.substring(0, 500) + "..."
        : errorMsg;
  }
}
