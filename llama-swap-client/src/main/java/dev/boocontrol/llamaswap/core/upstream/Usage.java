package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An OpenAI {@code usage} object. Every field is null when the server left it out. {@code
 * input_tokens}/{@code output_tokens} (Responses and Anthropic style) fill the prompt and
 * completion counts when the OpenAI names are absent.
 *
 * @param cachedTokens {@code prompt_tokens_details.cached_tokens}, else {@code
 *     input_tokens_details.cached_tokens}, else {@code cache_read_input_tokens}
 */
public record Usage(Long promptTokens, Long completionTokens, Long totalTokens, Long cachedTokens) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Usage fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new Usage(null, null, null, null);
    }
    Long prompt = number(node, "prompt_tokens");
    Long completion = number(node, "completion_tokens");
    Long cached = number(node.path("prompt_tokens_details"), "cached_tokens");
    if (cached == null) {
      cached = number(node.path("input_tokens_details"), "cached_tokens");
    }
    if (cached == null) {
      cached = number(node, "cache_read_input_tokens");
    }
    return new Usage(
        prompt != null ? prompt : number(node, "input_tokens"),
        completion != null ? completion : number(node, "output_tokens"),
        number(node, "total_tokens"),
        cached);
  }

  public Optional<Long> cached() {
    return Optional.ofNullable(cachedTokens);
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asLong() : null;
  }
}
