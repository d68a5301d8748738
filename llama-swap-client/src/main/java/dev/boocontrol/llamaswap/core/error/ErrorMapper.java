package dev.boocontrol.llamaswap.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a non-2xx answer to a typed {@link LlamaSwapException}, reading every error shape of spec
 * §2.3: the HEAD envelope {@code {"src","error":{message,type,param,code}}}, the v225–v250 {@code
 * {"error":"…","src":"llama-swap"}}, the hand-formatted (possibly invalid) v218–v224 JSON, the
 * legacy {@code {"error":"…"}}, the text forms {@code llama-swap: …} and {@code llama-swap-error:
 * …}, Go's {@code 404 page not found}, empty bodies, and upstream errors that pass through. Never
 * throws.
 */
public final class ErrorMapper {

  /** Longest message kept from a body that is not a recognised error shape. */
  static final int MAX_MESSAGE_CHARS = 1000;

  private static final String SRC_LLAMA_SWAP = "llama-swap";
  private static final String EMPTY_BODY = "(empty body)";
  private static final Pattern HAND_FORMATTED_ERROR =
      Pattern.compile("\"error\"\\s*:\\s*\"(.*)\"\\s*}\\s*$", Pattern.DOTALL);
  private static final Pattern ANY_ERROR_STRING = Pattern.compile("\"error\"\\s*:\\s*\"(.*?)\"");
  private static final Pattern BRACKETED_MODEL = Pattern.compile("\\[([^\\]]+)]");
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");

  private ErrorMapper() {}

  /** Maps an answer without a {@code Retry-After} header. */
  public static LlamaSwapException map(int status, String contentType, String body) {
    return map(status, contentType, body, null);
  }

  /**
   * Maps an answer.
   *
   * @param contentType the {@code Content-Type} header, or null
   * @param body the body as text, or null
   * @param retryAfter the {@code Retry-After} header, or null
   */
  public static LlamaSwapException map(
      int status, String contentType, String body, String retryAfter) {
    ErrorBody parsed = parse(body, contentType);
    ErrorDetails details =
        new ErrorDetails(
            status, parsed.message(), parsed.code(), parsed.type(), parsed.fromLlamaSwap());
    if (parsed.fromUpstream()) {
      return new LlamaSwapException.UpstreamError(details);
    }
    return switch (status) {
      case 401, 403 -> new LlamaSwapException.Unauthorized(details);
      case 404 -> new LlamaSwapException.NotFound(details, notFoundKind(parsed.message()));
      case 400 -> new LlamaSwapException.BadRequest(details);
      case 409 -> new LlamaSwapException.Conflict(details);
      case 429 -> new LlamaSwapException.RateLimited(details, retryAfter(retryAfter));
      case 502 -> new LlamaSwapException.BadGateway(details);
      case 503 -> {
        String lower = parsed.message().toLowerCase(Locale.ROOT);
        if (lower.contains("process is not ready")) {
          Matcher model = BRACKETED_MODEL.matcher(parsed.message());
          yield new LlamaSwapException.ProcessNotReady(
              details, model.find() ? model.group(1) : null);
        }
        yield new LlamaSwapException.Unavailable(details);
      }
      default ->
          status >= 500
              ? new LlamaSwapException.ServerError(details)
              : new LlamaSwapException.Other(details);
    };
  }

  /** Reads message, code, type and origin from a body of any known shape. */
  static ErrorBody parse(String body, String contentType) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      return ErrorBody.unknown(EMPTY_BODY);
    }
    if (text.startsWith("{")) {
      return parseJsonLike(text);
    }
    return parseText(text, contentType);
  }

  private static ErrorBody parseJsonLike(String text) {
    JsonNode node;
    try {
      node = LlamaSwapJson.mapper().readTree(text);
    } catch (Exception e) {
      return parseBrokenJson(text);
    }
    if (node == null || !node.isObject()) {
      return parseBrokenJson(text);
    }
    JsonNode error = node.get("error");
    boolean llamaSwap = SRC_LLAMA_SWAP.equals(node.path("src").asText(""));
    if (error != null && error.isObject()) {
      ErrorBody fromObject =
          new ErrorBody(
              firstText(error, "message", text),
              error.path("code").isNull() ? "" : error.path("code").asText(""),
              error.path("type").asText(""),
              llamaSwap,
              !llamaSwap);
      return fromObject;
    }
    if (error != null && error.isTextual()) {
      // With src: v218+; without: the legacy llama-swap form (≤ v217, and v227–v250's 429).
      return new ErrorBody(error.asText(), "", "", true, false);
    }
    if (llamaSwap) {
      return new ErrorBody(firstText(node, "message", text), "", "", true, false);
    }
    if (node.path("message").isTextual() || node.path("detail").isTextual()) {
      // OpenAI-compatible servers such as vLLM: {"object":"error","message":…}.
      String message = node.path("message").asText(node.path("detail").asText(""));
      return new ErrorBody(
          message, node.path("code").asText(""), node.path("type").asText(""), false, true);
    }
    return ErrorBody.unknown(cut(text));
  }

  // v218–v224 wrote {"src":"llama-swap", "error": "<msg>"} by hand, without escaping the message.
  private static ErrorBody parseBrokenJson(String text) {
    boolean llamaSwap = text.contains("\"" + SRC_LLAMA_SWAP + "\"");
    Matcher hand = HAND_FORMATTED_ERROR.matcher(text);
    if (llamaSwap && hand.find()) {
      return new ErrorBody(hand.group(1), "", "", true, false);
    }
    Matcher any = ANY_ERROR_STRING.matcher(text);
    if (any.find()) {
      return new ErrorBody(any.group(1), "", "", llamaSwap, false);
    }
    return new ErrorBody(cut(text), "", "", llamaSwap, false);
  }

  private static ErrorBody parseText(String text, String contentType) {
    if (text.startsWith("llama-swap-error:")) {
      return new ErrorBody(
          text.substring("llama-swap-error:".length()).strip(), "", "", true, false);
    }
    if (text.startsWith("llama-swap:")) {
      return new ErrorBody(text.substring("llama-swap:".length()).strip(), "", "", true, false);
    }
    if (text.equals("404 page not found") || text.equals("Method Not Allowed")) {
      return new ErrorBody(text, "", "", true, false);
    }
    boolean html =
        text.startsWith("<")
            || contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/html");
    if (html) {
      String stripped = HTML_TAG.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").strip();
      boolean llamaSwap = stripped.startsWith("llama-swap");
      return new ErrorBody(cut(stripped), "", "", llamaSwap, false);
    }
    return ErrorBody.unknown(cut(text));
  }

  private static NotFoundKind notFoundKind(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("no router for requested model")) {
      return NotFoundKind.UNKNOWN_MODEL;
    }
    if (lower.contains("no model id could be identified")) {
      return NotFoundKind.NO_MODEL_IN_REQUEST;
    }
    if (lower.contains("capture not found")) {
      return NotFoundKind.CAPTURE_NOT_FOUND;
    }
    if (lower.contains("inflight request not found")) {
      return NotFoundKind.INFLIGHT_NOT_FOUND;
    }
    if (lower.contains("no local server found")) {
      return NotFoundKind.NO_LOCAL_SERVER;
    }
    if (lower.contains("model not found")) {
      return NotFoundKind.MODEL_NOT_FOUND;
    }
    if (lower.contains("404 page not found")) {
      return NotFoundKind.ROUTE_NOT_FOUND;
    }
    return NotFoundKind.OTHER;
  }

  private static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null; // an HTTP-date; llama-swap only sends seconds
    }
  }

  private static String firstText(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : cut(fallback);
  }

  private static String cut(String text) {
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  /** What one body says, before the status picks the exception type. */
  record ErrorBody(
      String message, String code, String type, boolean fromLlamaSwap, boolean fromUpstream) {
    static ErrorBody unknown(String message) {
      return new ErrorBody(message, "", "", false, false);
    }
  }
}
