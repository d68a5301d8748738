package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodiesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "head.400.activity-bad-limit.json|400|limit must be between 1 and 999",
        "head.400.capture-bad-id.json|400|invalid capture ID",
        "head.400.logs-stream-unknown-id.json|400|invalid logger. Use 'proxy', 'upstream' or a model's ID",
        "head.401.unauthorized.json|401|unauthorized: invalid or missing API key",
        "head.404.capture-not-found.json|404|capture not found",
        "head.404.inflight-not-found.json|404|inflight request not found",
        "head.404.no-model-in-request.json|404|no model id could be identified",
        "head.404.unknown-model.json|404|no router for requested model",
        "head.404.unload-unknown-model.json|404|model not found",
        "head.409.upstream-ignore-path.json|409|model qwen3-30b is not loaded; path matches upstream.ignorePaths",
        "head.503.hardware-unavailable.json|503|hardware detection unavailable",
        "head.503.process-not-ready.json|503|[qwen3-30b] process is not ready",
      })
  void matchesSampleFiles(String file, int status, String message) {
    assertThat(ErrorBodies.json(status, message)).isEqualTo(Samples.text("errors/" + file));
  }

  @Test
  void concurrencyLimitUsesItsOwnCode() {
    assertThat(ErrorBodies.json(429, "Too many requests", ErrorBodies.CONCURRENCY_LIMIT))
        .isEqualTo(Samples.text("errors/head.429.concurrency-limit.json"));
    assertThat(ErrorBodies.json(429, "slow down"))
        .isEqualTo(
            "{\"src\":\"llama-swap\",\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\","
                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
  }

  @Test
  void textFormMatchesSample() {
    assertThat(ErrorBodies.text("no model id could be identified"))
        .isEqualTo(Samples.text("errors/head.404.no-model.accept-text-plain.txt"));
  }

  @ParameterizedTest(name = "{0} -> {1}/{2}")
  @CsvSource({
    "400, invalid_request_error, bad_request",
    "401, authentication_error, unauthorized",
    "403, authentication_error, forbidden",
    "404, invalid_request_error, not_found",
    "405, invalid_request_error, invalid_request",
    "409, invalid_request_error, conflict",
    "429, rate_limit_error, rate_limit_exceeded",
    "500, server_error, internal_error",
    "502, server_error, bad_gateway",
    "503, server_error, service_unavailable",
    "504, server_error, gateway_timeout",
    "507, server_error, internal_error",
  })
  void typeAndCodeFollowTheStatusTable(int status, String type, String code) {
    assertThat(ErrorBodies.type(status)).isEqualTo(type);
    assertThat(ErrorBodies.defaultCode(status)).isEqualTo(code);
  }

  @Test
  void messagesAreEscapedLikeGo() {
    assertThat(ErrorBodies.json(500, "unspecific error: <x> & \"y\""))
        .isEqualTo(
            "{\"src\":\"llama-swap\",\"error\":{\"message\":\"unspecific error: \\u003cx\\u003e"
                + " \\u0026 \\\"y\\\"\",\"type\":\"server_error\",\"param\":null,"
                + "\"code\":\"internal_error\"}}");
  }
}
