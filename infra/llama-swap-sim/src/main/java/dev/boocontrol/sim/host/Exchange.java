package dev.boocontrol.sim.host;

import dev.boocontrol.sim.core.CaptureCache;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP exchange as llama-swap's middleware sees it: counts the bytes written (for the access
 * log and inflight {@code resp_bytes}), and remembers status and headers for the capture.
 */
final class Exchange {

  final HttpServerRequest request;
  final HttpServerResponse response;
  final long startNanos = System.nanoTime();
  final String path;
  long bytes;

  /** The access-log line is written once, when the exchange ends or its connection closes. */
  boolean logged;

  /** The raw request body, as received (captures keep it). */
  byte[] rawBody;

  /** Everything written to the response, for the capture; capped like a real capture buffer. */
  Buffer capturedBody;

  private Inflight.Request inflight;

  private static final int CAPTURE_LIMIT = 8 * 1024 * 1024;

  private final java.util.List<Runnable> onClose = new java.util.ArrayList<>();
  private boolean closed;

  Exchange(HttpServerRequest request, String path) {
    this.request = request;
    this.response = request.response();
    this.path = path;
    // Vert.x keeps one close handler per response: every party registers here instead.
    response.closeHandler(v -> fireClose());
  }

  /** Runs when the client goes away or the server cuts the connection; at most once. */
  void onClose(Runnable hook) {
    if (closed) {
      hook.run();
    } else {
      onClose.add(hook);
    }
  }

  /** Breaks the connection (cancel, crash, unload) and runs the close hooks at once. */
  void reset() {
    if (!response.closed() && !response.ended()) {
      response.reset();
    }
    fireClose();
  }

  private void fireClose() {
    if (closed) {
      return;
    }
    closed = true;
    java.util.List.copyOf(onClose).forEach(Runnable::run);
  }

  void track(Inflight.Request inflight) {
    this.inflight = inflight;
  }

  Inflight.Request inflight() {
    return inflight;
  }

  void capture(String text) {
    Buffer b = Buffer.buffer(text);
    if (capturedBody == null) {
      capturedBody = Buffer.buffer();
    }
    if (capturedBody.length() + b.length() <= CAPTURE_LIMIT) {
      capturedBody.appendBuffer(b);
    }
  }

  void write(String text) {
    capture(text);
    Buffer b = Buffer.buffer(text);
    bytes += b.length();
    if (!response.closed()) {
      response.write(b);
    }
    if (inflight != null) {
      inflight.bytes(b.length());
    }
  }

  void end(String text) {
    if (capturedBody == null || !text.isEmpty()) {
      capture(text);
    }
    Buffer b = Buffer.buffer(text);
    bytes += b.length();
    if (!response.closed() && !response.ended()) {
      response.end(b);
    }
  }

  void end() {
    if (!response.closed() && !response.ended()) {
      response.end();
    }
  }

  /** Response headers as the capture and inflight entry show them. */
  Map<String, String> responseHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    // Go's Header map never holds the hop-by-hop Transfer-Encoding.
    response
        .headers()
        .forEach(
            e -> {
              if (!e.getKey().equalsIgnoreCase("transfer-encoding")) {
                h.putIfAbsent(CaptureCache.canonicalHeaderKey(e.getKey()), e.getValue());
              }
            });
    return h;
  }

  /** Request headers, first value of each. */
  Map<String, String> requestHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    request
        .headers()
        .forEach(e -> h.putIfAbsent(CaptureCache.canonicalHeaderKey(e.getKey()), e.getValue()));
    return h;
  }

  /** llama-swap's client IP rule: first X-Forwarded-For entry, else X-Real-IP, else the peer. */
  String clientIp() {
    String xff = request.getHeader("X-Forwarded-For");
    if (xff != null && !xff.isBlank()) {
      return xff.split(",")[0].trim();
    }
    String real = request.getHeader("X-Real-IP");
    if (real != null && !real.isBlank()) {
      return real.trim();
    }
    return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }
}
