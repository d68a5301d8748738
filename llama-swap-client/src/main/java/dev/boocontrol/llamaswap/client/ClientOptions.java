package dev.boocontrol.llamaswap.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of one {@link LlamaSwapClient}.
 *
 * @param connectTimeout TCP connect (and pool wait) limit
 * @param requestTimeout idle limit of ordinary API calls, and how long to wait for the headers of
 *     {@code /api/events} and {@code /logs/stream}
 * @param slowRequestTimeout idle limit of calls that may legitimately wait for a model to load or
 *     stop: unloads, {@code /upstream/…}, inference (applies to the response headers of streams)
 * @param eventBufferCapacity items held for a slow subscriber of a stream before the oldest are
 *     dropped
 * @param maxSseLineBytes longest SSE line accepted; longer lines are dropped and counted
 * @param maxErrorBodyBytes how much of a non-2xx body is read to map the error
 * @param maxPoolSize concurrent connections to the host (streams hold one each)
 * @param userAgent sent as {@code User-Agent}
 */
public record ClientOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    Duration slowRequestTimeout,
    int eventBufferCapacity,
    int maxSseLineBytes,
    int maxErrorBodyBytes,
    int maxPoolSize,
    String userAgent) {

  public ClientOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(slowRequestTimeout, "slowRequestTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (eventBufferCapacity < 1 || maxSseLineBytes < 1024 || maxErrorBodyBytes < 1) {
      throw new IllegalArgumentException("buffer sizes must be positive (SSE lines ≥ 1 KiB)");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be >= 1");
    }
  }

  /** 5 s connect, 30 s requests, 10 min slow requests, 10 000 buffered events, 16 MiB lines. */
  public static ClientOptions defaults() {
    return new ClientOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        10_000,
        16 * 1024 * 1024,
        64 * 1024,
        32,
        "boocontrol-llama-swap-client");
  }

  public ClientOptions withConnectTimeout(Duration value) {
    return new ClientOptions(
        value,
        requestTimeout,
        slowRequestTimeout,
        eventBufferCapacity,
        maxSseLineBytes,
        maxErrorBodyBytes,
        maxPoolSize,
        userAgent);
  }

  public ClientOptions withRequestTimeout(Duration value) {
    return new ClientOptions(
        connectTimeout,
        value,
        slowRequestTimeout,
        eventBufferCapacity,
        maxSseLineBytes,
        maxErrorBodyBytes,
        maxPoolSize,
        userAgent);
  }

  public ClientOptions withSlowRequestTimeout(Duration value) {
    return new ClientOptions(
        connectTimeout,
        requestTimeout,
        value,
        eventBufferCapacity,
        maxSseLineBytes,
        maxErrorBodyBytes,
        maxPoolSize,
        userAgent);
  }

  public ClientOptions withEventBufferCapacity(int value) {
    return new ClientOptions(
        connectTimeout,
        requestTimeout,
        slowRequestTimeout,
        value,
        maxSseLineBytes,
        maxErrorBodyBytes,
        maxPoolSize,
        userAgent);
  }

  public ClientOptions withMaxSseLineBytes(int value) {
    return new ClientOptions(
        connectTimeout,
        requestTimeout,
        slowRequestTimeout,
        eventBufferCapacity,
        value,
        maxErrorBodyBytes,
        maxPoolSize,
        userAgent);
  }

  public ClientOptions withMaxPoolSize(int value) {
    return new ClientOptions(
        connectTimeout,
        requestTimeout,
        slowRequestTimeout,
        eventBufferCapacity,
        maxSseLineBytes,
        maxErrorBodyBytes,
        value,
        userAgent);
  }
}
