package dev.boocontrol.llamaswap.client;

import dev.boocontrol.llamaswap.core.error.ErrorMapper;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The HTTP plumbing of one host: sending, timeouts, reading bodies and mapping errors. */
final class HostHttp {

  /** One request to make. A null body sends none; a zero idle timeout means none. */
  record Call(
      HttpMethod method,
      String url,
      String accept,
      Buffer body,
      Map<String, String> headers,
      Duration headersTimeout,
      Duration idleTimeout) {}

  /** A request whose response headers arrived; the body is not read yet. */
  record Sent(HttpClientRequest request, HttpClientResponse response) {
    int status() {
      return response.statusCode();
    }

    boolean ok() {
      return status() >= 200 && status() < 300;
    }

    void abort() {
      request.reset();
    }
  }

  /** A fully read answer. */
  record Reply(int status, MultiMap headers, Buffer body) {
    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return body.getBytes();
    }
  }

  private final HostTarget target;
  private final ClientOptions options;
  private final HttpClient client;
  private final HostUrls urls;

  HostHttp(Vertx vertx, HostTarget target, ClientOptions options) {
    this.target = target;
    this.options = options;
    this.urls = new HostUrls(target.baseUri());
    HttpClientOptions http =
        new HttpClientOptions()
            .setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
            .setKeepAlive(true)
            // Relayed bodies must stay byte for byte what the host sent: no Accept-Encoding.
            .setDecompressionSupported(false)
            .setName("llama-swap-" + target.hostId());
    this.client =
        vertx.createHttpClient(http, new PoolOptions().setHttp1MaxSize(options.maxPoolSize()));
  }

  HostTarget target() {
    return target;
  }

  ClientOptions options() {
    return options;
  }

  String url(String path, List<Map.Entry<String, String>> query) {
    return urls.url(path, query);
  }

  /** A call with the ordinary timeouts. */
  Call call(HttpMethod method, String url, String accept) {
    return new Call(
        method, url, accept, null, Map.of(), options.requestTimeout(), options.requestTimeout());
  }

  /**
   * Sends the call and waits for the response headers only. The item is delivered on the event
   * loop, so the caller must attach body handlers (or pause) before any thread hop.
   */
  Uni<Sent> send(Call call) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(call.method())
            .setAbsoluteURI(call.url())
            .setConnectTimeout(options.connectTimeout().toMillis())
            .setIdleTimeout(call.idleTimeout().toMillis())
            .putHeader("User-Agent", options.userAgent())
            .putHeader("Accept", call.accept());
    target.apiKey().ifPresent(key -> request.putHeader("Authorization", "Bearer " + key));
    call.headers().forEach(request::putHeader);
    AtomicReference<HttpClientRequest> sentRequest = new AtomicReference<>();
    return acquire(request, sentRequest)
        .chain(r -> (call.body() == null ? r.send() : r.send(call.body())).map(s -> new Sent(r, s)))
        .onCancellation()
        .invoke(() -> reset(sentRequest))
        .ifNoItem()
        .after(call.headersTimeout())
        .failWith(
            () ->
                new TimeoutException(
                    "no response headers from "
                        + target.hostId()
                        + " within "
                        + call.headersTimeout()
                        + " for "
                        + call.method()
                        + " "
                        + stripQuery(call.url())))
        .onFailure()
        .invoke(e -> reset(sentRequest));
  }

  /**
   * Gets a request object from the pool. Unlike the generated {@code request(...)}, a request that
   * arrives after the caller gave up is reset, so its pooled connection is not held forever.
   */
  private Uni<HttpClientRequest> acquire(
      RequestOptions request, AtomicReference<HttpClientRequest> sentRequest) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              // Before completion, termination can only mean the subscriber cancelled.
              AtomicBoolean cancelled = new AtomicBoolean();
              emitter.onTermination(() -> cancelled.set(true));
              client
                  .getDelegate()
                  .request(request)
                  .onComplete(
                      result -> {
                        if (result.failed()) {
                          emitter.fail(result.cause());
                          return;
                        }
                        HttpClientRequest acquired = HttpClientRequest.newInstance(result.result());
                        sentRequest.set(acquired);
                        if (cancelled.get()) {
                          acquired.reset();
                        } else {
                          emitter.complete(acquired);
                        }
                      });
            });
  }

  /** Sends the call and reads the whole body; a non-2xx answer fails with its typed error. */
  Uni<Reply> exchange(Call call) {
    return send(call)
        .chain(
            sent -> {
              if (!sent.ok()) {
                return failure(sent).chain(e -> Uni.createFrom().<Reply>failure(e));
              }
              HttpClientResponse response = sent.response();
              return response
                  .body()
                  .map(body -> new Reply(response.statusCode(), response.headers(), body));
            });
  }

  /** Like {@link #exchange} but hands back non-2xx answers instead of failing. */
  Uni<Reply> exchangeAnyStatus(Call call) {
    return send(call)
        .chain(
            sent -> {
              HttpClientResponse response = sent.response();
              return response
                  .body()
                  .map(body -> new Reply(response.statusCode(), response.headers(), body));
            });
  }

  /** Reads at most {@code maxErrorBodyBytes} of a non-2xx answer and maps it to its error. */
  Uni<LlamaSwapException> failure(Sent sent) {
    HttpClientResponse response = sent.response();
    int cap = options.maxErrorBodyBytes();
    return Uni.createFrom()
        .<Buffer>emitter(
            emitter -> {
              Buffer collected = Buffer.buffer();
              response.handler(
                  chunk -> {
                    int room = cap - collected.length();
                    if (room > 0) {
                      collected.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
                    }
                  });
              response.endHandler(() -> emitter.complete(collected));
              // A broken error body still tells the status; map what arrived.
              response.exceptionHandler(e -> emitter.complete(collected));
              response.fetch(Long.MAX_VALUE);
            })
        .ifNoItem()
        .after(options.requestTimeout())
        .recoverWithItem(() -> Buffer.buffer())
        .map(
            body -> {
              if (body.length() >= cap) {
                sent.abort(); // do not drain a huge error body
              }
              return ErrorMapper.map(
                  response.statusCode(),
                  response.getHeader("Content-Type"),
                  body.toString(StandardCharsets.UTF_8),
                  response.getHeader("Retry-After"));
            });
  }

  Uni<Void> close() {
    return client.close();
  }

  private static void reset(AtomicReference<HttpClientRequest> request) {
    HttpClientRequest sent = request.get();
    if (sent != null) {
      sent.reset();
    }
  }

  // Query strings can carry model names and timestamps; errors name only the path.
  private static String stripQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
