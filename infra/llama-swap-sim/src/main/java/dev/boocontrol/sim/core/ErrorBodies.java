package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Errors llama-swap makes itself (spec 2.3, HEAD form): the OpenAI-style JSON envelope with {@code
 * "src":"llama-swap"}, or the {@code text/plain} form. Neither ends with a newline.
 */
public final class ErrorBodies {

  public static final String CONCURRENCY_LIMIT = "concurrency_limit";

  private ErrorBodies() {}

  /** The envelope with the default code for the status. */
  public static String json(int status, String message) {
    return json(status, message, defaultCode(status));
  }

  /**
   * The envelope with an explicit code (the concurrency limiter uses {@code concurrency_limit}).
   */
  public static String json(int status, String message, String code) {
    return GoJson.write(new Envelope("llama-swap", new Detail(message, type(status), null, code)));
  }

  /** The {@code Accept: text/plain} form. */
  public static String text(String message) {
    return "llama-swap: " + message;
  }

  public static String type(int status) {
    return switch (status) {
      case 401, 403 -> "authentication_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  public static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 429 -> "rate_limit_exceeded";
      case 502 -> "bad_gateway";
      case 503 -> "service_unavailable";
      case 504 -> "gateway_timeout";
      default -> status >= 500 ? "internal_error" : "invalid_request";
    };
  }

  private record Envelope(@JsonProperty("src") String src, @JsonProperty("error") Detail error) {}

  private record Detail(
      @JsonProperty("message") String message,
      @JsonProperty("type") String type,
      @JsonProperty("param") Object param,
      @JsonProperty("code") String code) {}
}
