package dev.boocontrol.sim.host;

import dev.boocontrol.sim.core.GoJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code /api/events} bus of one host (spec §7). Each subscriber has llama-swap's 1024-message
 * buffer: the socket is written as fast as the client reads, and when the buffer is full new
 * messages are dropped and a WARN line is logged (rate-limited, as after llama-swap PR #1043, so
 * the simulator does not reproduce the #1042 log flood). All methods run on the host's event loop.
 */
final class EventHub {

  /** llama-swap v218+ per-connection buffer (spec §7.4). */
  static final int SUBSCRIBER_BUFFER = 1024;

  private record Envelope(String type, String data) {}

  final class Subscriber {
    private final HttpServerResponse response;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long dropped;
    private long lastWarnNanos;

    private Subscriber(HttpServerResponse response) {
      this.response = response;
    }

    private void offer(Buffer message) {
      if (queue.size() >= SUBSCRIBER_BUFFER) {
        dropped++;
        droppedTotal++;
        long now = System.nanoTime();
        if (now - lastWarnNanos > 1_000_000_000L) {
          lastWarnNanos = now;
          warn.accept(
              "[WARN] handleAPIEvents sendBuffer full, dropping message ("
                  + dropped
                  + " dropped)\n");
        }
        return;
      }
      queue.add(message);
      flush();
    }

    private void flush() {
      if (hung || response.closed() || response.ended()) {
        return;
      }
      while (!queue.isEmpty() && !response.writeQueueFull()) {
        response.write(queue.poll());
      }
      if (!queue.isEmpty()) {
        response.drainHandler(v -> flush());
      }
    }
  }

  private final List<Subscriber> subscribers = new ArrayList<>();
  private final Consumer<String> warn;
  private boolean hung;
  private long droppedTotal;

  /**
   * @param warn where WARN lines go (the proxy log, which itself publishes {@code logData})
   */
  EventHub(Consumer<String> warn) {
    this.warn = warn;
  }

  /** Wire form of one message: {@code event:message}, then the envelope with data as a string. */
  static Buffer wire(String type, Object data) {
    String envelope = GoJson.write(new Envelope(type, GoJson.write(data)));
    return Buffer.buffer("event:message\ndata:" + envelope + "\n\n");
  }

  /**
   * Opens a stream. The caller queues the initial burst with {@link #send} before any live event
   * can slip in, which is why this and the burst run in one event-loop turn.
   */
  Subscriber subscribe(HttpServerResponse response) {
    response.setChunked(true);
    response.putHeader("Content-Type", "text/event-stream");
    response.putHeader("Cache-Control", "no-cache");
    response.putHeader("Connection", "keep-alive");
    response.putHeader("X-Content-Type-Options", "nosniff");
    response.putHeader("X-Accel-Buffering", "no");
    response.writeHead();
    Subscriber s = new Subscriber(response);
    subscribers.add(s);
    return s;
  }

  void unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
  }

  void send(Subscriber subscriber, String type, Object data) {
    subscriber.offer(wire(type, data));
  }

  void publish(String type, Object data) {
    if (subscribers.isEmpty()) {
      return;
    }
    Buffer message = wire(type, data);
    for (Subscriber s : List.copyOf(subscribers)) {
      s.offer(message);
    }
  }

  /**
   * Writes raw bytes to every open stream as they are (malformed data, odd lines, unknown types),
   * through the same per-subscriber buffer as real messages.
   */
  void injectRaw(Buffer raw) {
    for (Subscriber s : List.copyOf(subscribers)) {
      s.offer(raw);
    }
  }

  /** Half-open simulation: keep sockets open but write nothing more (issue #1056). */
  void hang(boolean hung) {
    this.hung = hung;
    if (!hung) {
      subscribers.forEach(Subscriber::flush);
    }
  }

  boolean hung() {
    return hung;
  }

  /** Config reload and restart close every stream (spec §7.1). */
  void closeAll() {
    List<Subscriber> closing = List.copyOf(subscribers);
    subscribers.clear(); // first: ending a stream logs a line that is published again
    for (Subscriber s : closing) {
      if (!s.response.ended() && !s.response.closed()) {
        s.response.end();
      }
    }
  }

  int subscriberCount() {
    return subscribers.size();
  }

  long droppedTotal() {
    return droppedTotal;
  }
}
