package dev.boocontrol.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A prompt's size in tokens without a tokenizer: about four characters of text per token, counted
 * over chat messages (string or text parts), a completion's {@code prompt}, an embedding's {@code
 * input} and a responses-API {@code input}. Close enough to tell 2k from 30k, which is all routing
 * needs.
 */
public final class PromptEstimate {

  static final int CHARS_PER_TOKEN = 4;

  private PromptEstimate() {}

  public static int tokens(JsonNode body) {
    if (body == null || !body.isObject()) {
      return 0;
    }
    long chars = 0;
    for (JsonNode message : body.path("messages")) {
      chars += text(message.path("content"));
    }
    chars += text(body.path("prompt"));
    chars += text(body.path("input"));
    chars += text(body.path("system"));
    long tokens = (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  /** Characters of text in a string, an array of strings or parts ({@code text}), or messages. */
  private static long text(JsonNode node) {
    if (node.isTextual()) {
      return node.asText().length();
    }
    long chars = 0;
    if (node.isArray()) {
      for (JsonNode part : node) {
        if (part.isTextual()) {
          chars += part.asText().length();
        } else if (part.path("text").isTextual()) {
          chars += part.path("text").asText().length();
        } else if (part.has("content")) {
          chars += text(part.path("content"));
        }
      }
    }
    return chars;
  }

  /** Whether the request offers tools. */
  public static boolean hasTools(JsonNode body) {
    JsonNode tools = body == null ? null : body.get("tools");
    return tools != null && tools.isArray() && !tools.isEmpty();
  }
}
