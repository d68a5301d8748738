package dev.boocontrol.llamaswap.client;

import dev.boocontrol.llamaswap.core.Samples;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real local HTTP server (plain Vert.x core, port 0) standing in for a llama-swap host: routes
 * answer with sample files, and every request is recorded.
 */
final class TestHost implements AutoCloseable {

  /** What the server saw. */
  record Seen(String method, String path, String uri, MultiMap headers, String body) {}

  final Vertx vertx = Vertx.vertx();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
  private final HttpServer server;
  private volatile String requiredKey;

  TestHost() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  String baseUri() {
    return "http://127.0.0.1:" + port();
  }

  /** Answers 401 (HEAD envelope) unless {@code Authorization: Bearer key} is sent. */
  TestHost requireKey(String key) {
    requiredKey = key;
    return this;
  }

  TestHost route(String methodAndPath, Handler<HttpServerRequest> handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  /** Answers a sample file with a status and content type. */
  TestHost sample(String methodAndPath, int status, String contentType, String sampleFile) {
    return route(
        methodAndPath, req -> send(req.response(), status, contentType, Samples.bytes(sampleFile)));
  }

  static void send(HttpServerResponse response, int status, String contentType, byte[] body) {
    response.setStatusCode(status);
    if (contentType != null) {
      response.putHeader("Content-Type", contentType);
    }
    response.end(Buffer.buffer(body));
  }

  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  private void handle(HttpServerRequest request) {
    request.body(
        body -> {
          seen.add(
              new Seen(
                  request.method().name(),
                  request.path(),
                  request.uri(),
                  MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                  body.succeeded() ? body.result().toString() : ""));
          if (requiredKey != null
              && !("Bearer " + requiredKey).equals(request.getHeader("Authorization"))) {
            request.response().putHeader("WWW-Authenticate", "Basic realm=\"llama-swap\"");
            send(
                request.response(),
                401,
                "application/json",
                Samples.bytes("errors/head.401.unauthorized.json"));
            return;
          }
          Handler<HttpServerRequest> handler =
              routes.get(request.method().name() + " " + request.path());
          if (handler == null) {
            send(
                request.response(),
                404,
                "text/plain; charset=utf-8",
                "404 page not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          } else {
            handler.handle(request);
          }
        });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
