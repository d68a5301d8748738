package dev.boocontrol.sim.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code /api/events} the way a client must: {@code event:}/{@code data:} lines, the envelope
 * decoded, then its {@code data} string decoded again.
 */
final class SseReader implements AutoCloseable {

  record Event(String type, JsonNode data, String rawLine) {}

  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  /** Every event ever received, for assertions after the queue was drained. */
  final List<Event> all = new java.util.concurrent.CopyOnWriteArrayList<>();

  final HttpResponse<InputStream> response;
  private final Thread reader;
  volatile boolean ended;

  SseReader(HttpClient http, String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                String eventName = null;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("event:")) {
                    eventName = line.substring("event:".length());
                  } else if (line.startsWith("data:")) {
                    if (!"message".equals(eventName)) {
                      throw new IllegalStateException("event name was " + eventName);
                    }
                    JsonNode envelope = SimFixture.JSON.readTree(line.substring("data:".length()));
                    JsonNode data = SimFixture.JSON.readTree(envelope.get("data").asText());
                    Event e = new Event(envelope.get("type").asText(), data, line);
                    all.add(e);
                    events.add(e);
                  }
                }
              } catch (Exception e) {
                // stream closed
              } finally {
                ended = true;
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  Event next(Duration timeout) throws InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("no event within " + timeout);
    }
    return e;
  }

  /** The next event of one of these types, skipping others (logData, for instance). */
  Event next(Duration timeout, List<String> types) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = events.poll(Math.max(1, left / 1_000_000), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no " + types + " event within " + timeout);
      }
      if (types.contains(e.type())) {
        return e;
      }
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (Exception ignored) {
      // closing a finished stream
    }
  }
}
