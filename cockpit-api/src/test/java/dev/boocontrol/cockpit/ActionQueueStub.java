package dev.boocontrol.cockpit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for action-queue's HTTP API (a pure transport test of the cockpit's client): it
 * answers by host id with the statuses and bodies action-queue gives, records what it was sent,
 * never answers for host {@code silent}, and can be stopped to look unreachable.
 */
public class ActionQueueStub implements QuarkusTestResourceLifecycleManager {

  /** One request as the stub received it. */
  record Received(String method, String path, String query, String body) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  static volatile int getCalls;

  private static HttpServer server;
  private static ExecutorService executor;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/api/", ActionQueueStub::handle);
    server.start();
    return Map.of(
        "quarkus.rest-client.action-queue.url",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "boocontrol.cockpit.action-queue-url",
        "http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Stops answering: the port is closed, as when action-queue is down. */
  static void shutDown() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public void stop() {
    shutDown();
  }

  private static void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    RECEIVED.add(new Received(method, path, ex.getRequestURI().getRawQuery(), body));
    if (path.startsWith("/api/hosts/silent/")) {
      return; // never answers; the cockpit's timeout must end the wait
    }
    if (method.equals("GET")) {
      getCalls++;
    }
    String host = path.startsWith("/api/hosts/") ? path.split("/")[3] : "";
    if (method.equals("POST")) {
      switch (host) {
        case "busy" -> {
          if (body.contains("\"confirmTakeover\":true")) {
            send(ex, 202, queued(host, body));
          } else {
            send(
                ex,
                409,
                "{\"error\":\"takeover needed\",\"message\":\"1 foreign request in the last 60 s\","
                    + "\"running\":[{\"model\":\"qwen\",\"source\":\"open-webui\","
                    + "\"at\":\"2026-12-03T05:00:00Z\",\"inFlight\":false}],\"heldBy\":[]}");
          }
        }
        case "full" ->
            send(ex, 429, "{\"error\":\"the queue of full is full (4 actions waiting)\"}");
        case "down" -> send(ex, 503, "{\"error\":\"host down is down: stream closed\"}");
        case "picky" ->
            send(
                ex,
                400,
                "{\"error\":\"kind must be warm, unload or unload_all\",\"field\":\"kind\"}");
        default -> send(ex, 202, queued(host, body));
      }
      return;
    }
    if (method.equals("GET") && path.endsWith("/actions")) {
      send(ex, 200, "{\"hostId\":\"" + host + "\",\"running\":null,\"queued\":[],\"finished\":[]}");
      return;
    }
    if (path.equals("/api/actions/unknown")) {
      send(ex, 404, "{\"error\":\"unknown action unknown\"}");
      return;
    }
    if (method.equals("GET")) {
      send(
          ex,
          200,
          "{\"id\":\"" + path.substring("/api/actions/".length()) + "\",\"state\":\"queued\"}");
      return;
    }
    if (method.equals("DELETE")) {
      send(
          ex,
          200,
          "{\"id\":\"" + path.substring("/api/actions/".length()) + "\",\"state\":\"cancelled\"}");
      return;
    }
    send(ex, 405, "{\"error\":\"not here\"}");
  }

  /** A 202 body that echoes what the stub was sent, so the test sees what the cockpit forwarded. */
  private static String queued(String host, String body) {
    return "{\"id\":\"a-1\",\"hostId\":\""
        + host
        + "\",\"state\":\"queued\",\"position\":1,\"sent\":"
        + body
        + "}";
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
