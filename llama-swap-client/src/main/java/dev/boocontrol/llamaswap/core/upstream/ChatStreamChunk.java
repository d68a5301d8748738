package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One {@code data:} payload of an OpenAI-style chat stream, classified.
 *
 * @param contentDelta {@code choices[0].delta.content}, or empty
 * @param reasoningDelta {@code choices[0].delta.reasoning_content}, or empty
 * @param finishReason null until the finish chunk
 * @param usage null unless this chunk carries {@code usage}
 * @param timings null unless this chunk carries llama.cpp {@code timings}
 * @param error the message of an {@code error} chunk, or why a chunk was malformed; else null
 * @param json the parsed chunk; null for {@link Kind#DONE} and {@link Kind#MALFORMED}
 */
public record ChatStreamChunk(
    Kind kind,
    String id,
    String model,
    String contentDelta,
    String reasoningDelta,
    String finishReason,
    Usage usage,
    Timings timings,
    String error,
    JsonNode json) {

  public ChatStreamChunk {
    contentDelta = contentDelta == null ? "" : contentDelta;
    reasoningDelta = reasoningDelta == null ? "" : reasoningDelta;
  }

  public Optional<Usage> usageValue() {
    return Optional.ofNullable(usage);
  }

  public Optional<Timings> timingsValue() {
    return Optional.ofNullable(timings);
  }

  /** What a chunk is. */
  public enum Kind {
    /** A regular {@code chat.completion.chunk} from the upstream. */
    COMPLETION,
    /**
     * llama-swap's sendLoadingState prelude: no {@code id}, {@code object} or {@code model}, only
     * {@code delta.reasoning_content} (spec §3.2). Not model output.
     */
    LOADING_PRELUDE,
    /** An {@code {"error":…}} object inside the stream (a load failure after the 200). */
    ERROR,
    /** The {@code [DONE]} terminator. */
    DONE,
    /** Not JSON, or not a JSON object. */
    MALFORMED
  }
}
