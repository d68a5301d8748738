package dev.boocontrol.sim.host;

import dev.boocontrol.sim.core.ActivityDraft;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Builds activity drafts as llama-swap's metering step would (spec §8.1). */
final class ActivityRows {

  private ActivityRows() {}

  static ActivityDraft draft(
      Instant finished,
      String model,
      String reqPath,
      String contentType,
      int status,
      int cacheTokens,
      int inputTokens,
      int outputTokens,
      double promptPerSecond,
      double tokensPerSecond,
      long durationMs,
      String errorMsg,
      Map<String, String> metadata) {
    // Stored as Unix seconds, so reads show whole seconds.
    Instant at = finished.truncatedTo(ChronoUnit.SECONDS);
    String error = errorMsg;
    if (error != null && error.length() > 500) {
      error = error.substring(0, 500) + "...";
    }
    return ActivityDraft.of(
        at,
        model,
        reqPath,
        contentType,
        status,
        cacheTokens,
        inputTokens,
        outputTokens,
        promptPerSecond,
        tokensPerSecond,
        durationMs,
        error,
        metadata);
  }
}
