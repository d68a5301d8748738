package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** A non-streamed {@code /v1/chat/completions} answer; {@code timings} only from llama.cpp. */
public record ChatCompletion(
    @JsonProperty("id") String id,
    @JsonProperty("object") String object,
    @JsonProperty("created") long created,
    @JsonProperty("model") String model,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    @JsonProperty("choices") List<Choice> choices,
    @JsonProperty("usage") Usage usage,
    @JsonProperty("timings") Timings timings) {

  public ChatCompletion {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** The first choice's message content, or empty. */
  public String firstContent() {
    return choices.isEmpty() || choices.get(0).message() == null
        ? ""
        : Optional.ofNullable(choices.get(0).message().content()).orElse("");
  }

  /** One choice. */
  public record Choice(
      @JsonProperty("index") int index,
      @JsonProperty("finish_reason") String finishReason,
      @JsonProperty("message") Message message) {}

  /** An assistant message. */
  public record Message(
      @JsonProperty("role") String role,
      @JsonProperty("content") String content,
      @JsonProperty("reasoning_content") String reasoningContent) {}
}
