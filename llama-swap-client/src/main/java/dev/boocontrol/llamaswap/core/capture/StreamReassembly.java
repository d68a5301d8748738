package dev.boocontrol.llamaswap.core.capture;

import dev.boocontrol.llamaswap.core.upstream.ChatStreamParser;
import dev.boocontrol.llamaswap.core.upstream.ChatStreamSummary;
import dev.boocontrol.llamaswap.core.upstream.Usage;
import java.util.List;

/**
 * The final message of a streamed chat completion, put back together from the raw {@code
 * text/event-stream} body of a capture (by {@link ChatStreamParser}).
 *
 * @param content concatenated {@code delta.content}
 * @param reasoning concatenated {@code delta.reasoning_content}, empty when none
 * @param loadingPrelude llama-swap's own loading-state text ({@code sendLoadingState}), empty when
 *     none; kept apart from the model's reasoning
 * @param finishReason the last finish reason, or null
 * @param usage the last {@code usage} object, or null when the stream had none
 * @param chunks regular completion chunks seen
 * @param done whether {@code data: [DONE]} arrived
 * @param errors error messages sent inside the stream
 * @param malformedChunks data payloads that were not JSON objects
 */
public record StreamReassembly(
    String content,
    String reasoning,
    String loadingPrelude,
    String finishReason,
    Usage usage,
    int chunks,
    boolean done,
    List<String> errors,
    int malformedChunks) {

  public StreamReassembly {
    errors = List.copyOf(errors);
  }

  /** Reassembles a whole stream held in memory. */
  public static StreamReassembly of(String streamText) {
    ChatStreamSummary s = ChatStreamParser.parseAll(streamText);
    return new StreamReassembly(
        s.content(),
        s.reasoning(),
        s.loadingPrelude(),
        s.finishReason(),
        s.usage(),
        s.completionChunks(),
        s.done(),
        s.errors(),
        s.malformedChunks());
  }
}
