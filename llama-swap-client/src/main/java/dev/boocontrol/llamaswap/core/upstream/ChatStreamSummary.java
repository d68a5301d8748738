package dev.boocontrol.llamaswap.core.upstream;

import dev.boocontrol.llamaswap.core.model.ActivityTokens;
import java.util.List;
import java.util.Optional;

/**
 * What a whole chat stream said, as {@link ChatStreamParser} collected it.
 *
 * @param id the upstream completion id; empty if none arrived
 * @param model the model the upstream reported; empty if none arrived
 * @param content concatenated {@code delta.content}
 * @param reasoning concatenated {@code delta.reasoning_content} of real chunks (prelude excluded)
 * @param loadingPrelude text of llama-swap's loading-state chunks, empty when there were none
 * @param completionChunks regular chunks seen
 * @param preludeChunks loading-state chunks seen
 * @param finishReason the last finish reason, or null
 * @param usage the last {@code usage} seen, or null
 * @param timings the last llama.cpp {@code timings} seen, or null
 * @param errors messages of error chunks inside the stream
 * @param malformedChunks data payloads that were not JSON objects
 * @param done true when {@code [DONE]} arrived
 */
public record ChatStreamSummary(
    String id,
    String model,
    String content,
    String reasoning,
    String loadingPrelude,
    int completionChunks,
    int preludeChunks,
    String finishReason,
    Usage usage,
    Timings timings,
    List<String> errors,
    int malformedChunks,
    boolean done) {

  public ChatStreamSummary {
    errors = List.copyOf(errors);
  }

  public Optional<Usage> usageValue() {
    return Optional.ofNullable(usage);
  }

  public Optional<Timings> timingsValue() {
    return Optional.ofNullable(timings);
  }

  /**
   * The token fields llama-swap would store for this stream (spec §8.1): {@code timings} wins over
   * {@code usage}; {@code -1} marks what is unknown; all zeros when neither arrived.
   */
  public ActivityTokens toActivityTokens() {
    if (timings == null && usage == null) {
      return new ActivityTokens(0, 0, 0, 0, 0, 0, 0);
    }
    long cached = usage != null && usage.cachedTokens() != null ? usage.cachedTokens() : -1;
    if (timings != null) {
      return new ActivityTokens(
          timings.cacheN() != null ? timings.cacheN() : cached,
          timings.hasDraft() ? timings.draftN() : -1,
          timings.hasDraft() ? timings.draftNAccepted() : -1,
          orMinusOne(timings.promptN()),
          orMinusOne(timings.predictedN()),
          timings.promptPerSecond() != null ? timings.promptPerSecond() : -1,
          timings.predictedPerSecond() != null ? timings.predictedPerSecond() : -1);
    }
    return new ActivityTokens(
        cached,
        -1,
        -1,
        orMinusOne(usage.promptTokens()),
        orMinusOne(usage.completionTokens()),
        -1,
        -1);
  }

  private static long orMinusOne(Long value) {
    return value == null ? -1 : value;
  }
}
