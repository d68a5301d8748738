package dev.boocontrol.llamaswap.core.error;

import static dev.boocontrol.llamaswap.core.SampleParser.ERROR_BODY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

  private static LlamaSwapException sample(String file) {
    return (LlamaSwapException) ERROR_BODY.parse(file);
  }

  private static void headEnvelope(
      String file,
      Class<? extends LlamaSwapException> type,
      int status,
      String message,
      String code,
      String kind) {
    LlamaSwapException e = sample(file);
    assertThat(e).as(file).isInstanceOf(type);
    assertThat(e.status()).as(file).isEqualTo(status);
    assertThat(e.getMessage()).as(file).isEqualTo(message);
    assertThat(e.code()).as(file).isEqualTo(code);
    assertThat(e.type()).as(file).isEqualTo(kind);
    assertThat(e.fromLlamaSwap()).as(file).isTrue();
  }

  @Test
  void headEnvelopes() {
    headEnvelope(
        "errors/head.400.activity-bad-limit.json",
        LlamaSwapException.BadRequest.class,
        400,
        "limit must be between 1 and 999",
        "bad_request",
        "invalid_request_error");
    headEnvelope(
        "errors/head.400.capture-bad-id.json",
        LlamaSwapException.BadRequest.class,
        400,
        "invalid capture ID",
        "bad_request",
        "invalid_request_error");
    headEnvelope(
        "errors/head.400.logs-stream-unknown-id.json",
        LlamaSwapException.BadRequest.class,
        400,
        "invalid logger. Use 'proxy', 'upstream' or a model's ID",
        "bad_request",
        "invalid_request_error");
    headEnvelope(
        "errors/head.401.unauthorized.json",
        LlamaSwapException.Unauthorized.class,
        401,
        "unauthorized: invalid or missing API key",
        "unauthorized",
        "authentication_error");
    headEnvelope(
        "errors/head.409.upstream-ignore-path.json",
        LlamaSwapException.Conflict.class,
        409,
        "model qwen3-30b is not loaded; path matches upstream.ignorePaths",
        "conflict",
        "invalid_request_error");
    headEnvelope(
        "errors/head.429.concurrency-limit.json",
        LlamaSwapException.RateLimited.class,
        429,
        "Too many requests",
        "concurrency_limit",
        "rate_limit_error");
    headEnvelope(
        "errors/head.503.hardware-unavailable.json",
        LlamaSwapException.Unavailable.class,
        503,
        "hardware detection unavailable",
        "service_unavailable",
        "server_error");
    headEnvelope(
        "errors/head.503.process-not-ready.json",
        LlamaSwapException.ProcessNotReady.class,
        503,
        "[qwen3-30b] process is not ready",
        "service_unavailable",
        "server_error");
  }

  @Test
  void notFoundKinds() {
    assertKind(
        "errors/head.404.unknown-model.json",
        NotFoundKind.UNKNOWN_MODEL,
        "no router for requested model");
    assertKind(
        "errors/head.404.no-model-in-request.json",
        NotFoundKind.NO_MODEL_IN_REQUEST,
        "no model id could be identified");
    assertKind(
        "errors/head.404.capture-not-found.json",
        NotFoundKind.CAPTURE_NOT_FOUND,
        "capture not found");
    assertKind(
        "errors/head.404.inflight-not-found.json",
        NotFoundKind.INFLIGHT_NOT_FOUND,
        "inflight request not found");
    assertKind(
        "errors/head.404.unload-unknown-model.json",
        NotFoundKind.MODEL_NOT_FOUND,
        "model not found");
    assertKind(
        "errors/head.404.no-model.accept-text-plain.txt",
        NotFoundKind.NO_MODEL_IN_REQUEST,
        "no model id could be identified");
    assertKind(
        "errors/v225-v250.404.no-model-in-request.json",
        NotFoundKind.NO_MODEL_IN_REQUEST,
        "no model id could be identified");
    assertKind(
        "errors/v225-v250.404.unknown-model.json",
        NotFoundKind.UNKNOWN_MODEL,
        "no router for requested model");
    assertKind(
        "errors/v218-v224.404.no-model-in-request.json",
        NotFoundKind.NO_MODEL_IN_REQUEST,
        "no model id could be identified");

    LlamaSwapException.NotFound router =
        (LlamaSwapException.NotFound)
            ErrorMapper.map(404, "text/plain; charset=utf-8", "404 page not found\n");
    assertThat(router.kind()).isEqualTo(NotFoundKind.ROUTE_NOT_FOUND);
    assertThat(router.fromLlamaSwap()).isTrue();
    LlamaSwapException.NotFound local =
        (LlamaSwapException.NotFound)
            ErrorMapper.map(
                404,
                "application/json",
                "{\"error\":\"no local server found for requested model\",\"src\":\"llama-swap\"}");
    assertThat(local.kind()).isEqualTo(NotFoundKind.NO_LOCAL_SERVER);
  }

  private static void assertKind(String file, NotFoundKind kind, String message) {
    LlamaSwapException e = sample(file);
    assertThat(e).as(file).isInstanceOf(LlamaSwapException.NotFound.class);
    assertThat(((LlamaSwapException.NotFound) e).kind()).as(file).isEqualTo(kind);
    assertThat(e.getMessage()).as(file).isEqualTo(message);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.fromLlamaSwap()).as(file).isTrue();
  }

  @Test
  void olderShapes() {
    LlamaSwapException legacy401 = sample("errors/legacy-v179-v217.401.json");
    assertThat(legacy401).isInstanceOf(LlamaSwapException.Unauthorized.class);
    assertThat(legacy401.getMessage()).isEqualTo("unauthorized: invalid or missing API key");
    assertThat(legacy401.code()).isEmpty();

    LlamaSwapException.RateLimited limited =
        (LlamaSwapException.RateLimited) sample("errors/v227-v250.429.concurrency-limit.json");
    assertThat(limited.getMessage()).isEqualTo("Too many requests");
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(limited.isRetryable()).isTrue();

    LlamaSwapException.ProcessNotReady notReady =
        (LlamaSwapException.ProcessNotReady) sample("errors/v218-v250.503.process-not-ready.txt");
    assertThat(notReady.getMessage()).isEqualTo("[qwen3-30b] process is not ready");
    assertThat(notReady.model()).contains("qwen3-30b");
    assertThat(notReady.fromLlamaSwap()).isTrue();
  }

  @Test
  void handFormattedBodyWithAnUnescapedQuote() {
    // v218–v224 did not escape the message: this is not valid JSON.
    LlamaSwapException e =
        ErrorMapper.map(
            404,
            "application/json",
            "{\"src\":\"llama-swap\", \"error\": \"model \"foo\" not found\"}");
    assertThat(e).isInstanceOf(LlamaSwapException.NotFound.class);
    assertThat(e.getMessage()).isEqualTo("model \"foo\" not found");
    assertThat(e.fromLlamaSwap()).isTrue();
  }

  @Test
  void performanceAndMetricsDisabled() {
    LlamaSwapException perf = sample("http/api-performance.disabled.503.json");
    assertThat(perf).isInstanceOf(LlamaSwapException.Unavailable.class);
    assertThat(perf.getMessage()).isEqualTo("{\"enabled\":false}");
    LlamaSwapException metrics = sample("http/metrics.prometheus.disabled.503.txt");
    assertThat(metrics).isInstanceOf(LlamaSwapException.Unavailable.class);
    assertThat(metrics.getMessage()).isEqualTo("# performance monitor not available");
  }

  @Test
  void upstreamErrorsPassThroughTyped() {
    LlamaSwapException e =
        ErrorMapper.map(
            400,
            "application/json; charset=utf-8",
            "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size\",\"type\":\"exceed_context_size_error\"}}");
    assertThat(e).isInstanceOf(LlamaSwapException.UpstreamError.class);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("the request exceeds the available context size");
    assertThat(e.code()).isEqualTo("400");
    assertThat(e.type()).isEqualTo("exceed_context_size_error");
    assertThat(e.fromLlamaSwap()).isFalse();

    LlamaSwapException vllm =
        ErrorMapper.map(
            400,
            "application/json",
            "{\"object\":\"error\",\"message\":\"bad\",\"type\":\"BadRequestError\",\"code\":400}");
    assertThat(vllm).isInstanceOf(LlamaSwapException.UpstreamError.class);
    assertThat(vllm.getMessage()).isEqualTo("bad");
  }

  @Test
  void gatewayAndServerErrors() {
    LlamaSwapException empty = ErrorMapper.map(502, null, "");
    assertThat(empty).isInstanceOf(LlamaSwapException.BadGateway.class);
    assertThat(empty.getMessage()).isEqualTo("(empty body)");
    assertThat(empty.isRetryable()).isTrue();

    LlamaSwapException.ServerError failed =
        (LlamaSwapException.ServerError)
            ErrorMapper.map(
                500,
                "application/json",
                "{\"src\":\"llama-swap\",\"error\":{\"message\":\"unspecific error: health check timed out after 2m0s\",\"type\":\"server_error\",\"param\":null,\"code\":\"internal_error\"}}");
    assertThat(failed.unspecificCause()).contains("health check timed out after 2m0s");
    assertThat(failed.isRetryable()).isFalse();

    assertThat(ErrorMapper.map(504, null, "")).isInstanceOf(LlamaSwapException.ServerError.class);
    assertThat(ErrorMapper.map(405, "text/plain", "Method Not Allowed\n"))
        .isInstanceOf(LlamaSwapException.Other.class)
        .hasMessage("Method Not Allowed");
  }

  @Test
  void htmlAndOddBodiesNeverThrow() {
    LlamaSwapException html =
        ErrorMapper.map(
            404, "text/html", "<html><body><p>llama-swap: capture not found</p></body></html>");
    assertThat(html.getMessage()).isEqualTo("llama-swap: capture not found");
    assertThat(((LlamaSwapException.NotFound) html).kind())
        .isEqualTo(NotFoundKind.CAPTURE_NOT_FOUND);

    assertThat(ErrorMapper.map(500, null, "{").getMessage()).isEqualTo("{");
    assertThat(ErrorMapper.map(418, null, null)).isInstanceOf(LlamaSwapException.Other.class);
    assertThat(ErrorMapper.map(500, null, "x".repeat(5000)).getMessage()).hasSizeLessThan(1100);
    assertThat(ErrorMapper.map(429, null, "{}", "Wed, 21 Oct 2026 07:28:00 GMT"))
        .isInstanceOfSatisfying(
            LlamaSwapException.RateLimited.class, r -> assertThat(r.retryAfter()).isEmpty());
  }

  @Test
  void toStringNamesTypeStatusAndMessage() {
    assertThat(sample("errors/head.429.concurrency-limit.json").toString())
        .isEqualTo("RateLimited[status=429, code=concurrency_limit]: Too many requests");
  }
}
