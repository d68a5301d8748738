package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A non-streamed {@code /v1/completions} answer ({@code object: text_completion}). */
public record TextCompletion(
    @JsonProperty("id") String id,
    @JsonProperty("object") String object,
    @JsonProperty("created") long created,
    @JsonProperty("model") String model,
    @JsonProperty("choices") List<Choice> choices,
    @JsonProperty("usage") Usage usage,
    @JsonProperty("timings") Timings timings) {

  public TextCompletion {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** One choice. */
  public record Choice(
      @JsonProperty("index") int index,
      @JsonProperty("text") String text,
      @JsonProperty("finish_reason") String finishReason) {}
}
