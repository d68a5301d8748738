package dev.boocontrol.llamaswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.SampleParser;
import dev.boocontrol.llamaswap.core.Samples;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import dev.boocontrol.llamaswap.core.event.DecodedEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent;
import dev.boocontrol.llamaswap.core.event.MalformedEvent;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/events} against a real local server. */
@Timeout(120)
class EventsStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private TestHost host;
  private Vertx vertx;

  @BeforeEach
  void start() throws Exception {
    host = new TestHost();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.closeAndAwait();
    host.close();
  }

  private LlamaSwapClient client(ClientOptions options) {
    return new LlamaSwapClient(vertx, HostTarget.of("h1", host.baseUri()), options);
  }

  private static String event(String type, String data) {
    return "event:message\ndata:" + SampleParser.envelope(type, data) + "\n\n";
  }

  private static HttpServerResponse streamHead(HttpServerResponse response) {
    return response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
  }

  @Test
  void initialBurstInTinyChunksThenAFiveMebibyteLogLine() {
    String bigLog = "[INFO] history line\n".repeat(5 * 1024 * 1024 / 20 + 1);
    String bigEvent =
        event(
            "logData",
            LlamaSwapJson.mapper()
                .createObjectNode()
                .put("data", bigLog)
                .put("source", "proxy")
                .toString());
    assertThat(bigEvent.length()).isGreaterThan(5 * 1024 * 1024);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(Samples.bytes("sse/api-events.initial.sse.txt"));
    wire.writeBytes(bigEvent.getBytes(StandardCharsets.UTF_8));
    wire.writeBytes(Samples.bytes("sse/api-events.request-lifecycle.sse.txt"));
    byte[] bytes = wire.toByteArray();
    int initialLength = Samples.bytes("sse/api-events.initial.sse.txt").length;

    host.route(
        "GET /api/events",
        req -> {
          HttpServerResponse response = streamHead(req.response());
          Random random = new Random(1);
          int at = 0;
          while (at < bytes.length) {
            // Tiny pieces through the initial burst, then big ones.
            int size = at < initialLength ? 1 + random.nextInt(7) : 256 * 1024;
            int end = Math.min(bytes.length, at + size);
            response.write(Buffer.buffer(Arrays.copyOfRange(bytes, at, end)));
            at = end;
          }
          response.end();
        });

    LlamaSwapClient client = client(ClientOptions.defaults());
    List<DecodedEvent> events = client.events().collect().asList().await().atMost(WAIT);

    List<DecodedEvent> expected =
        new ArrayList<>(SampleParser.eventStream(Samples.bytes("sse/api-events.initial.sse.txt")));
    assertThat(events).hasSize(expected.size() + 1 + 13);
    assertThat(events.subList(0, expected.size())).isEqualTo(expected);
    LlamaSwapEvent.LogDataEvent big = (LlamaSwapEvent.LogDataEvent) events.get(expected.size());
    assertThat(big.log().data()).isEqualTo(bigLog);
    assertThat(events.get(events.size() - 3)).isInstanceOf(LlamaSwapEvent.ActivityEvent.class);
    assertThat(client.counters().eventsReceived()).isEqualTo(events.size());
    assertThat(client.counters().eventsDroppedLocally()).isZero();
    assertThat(host.seen("/api/events").get(0).headers().get("Accept"))
        .isEqualTo("text/event-stream");
    client.close().await().atMost(WAIT);
  }

  @Test
  void keepsReadingWhileTheSubscriberRequestsNothingAndDropsLocally() throws Exception {
    int total = 20_000;
    String padding = "p".repeat(1000);
    CompletableFuture<Integer> serverFinished = new CompletableFuture<>();
    host.route(
        "GET /api/events",
        req -> {
          HttpServerResponse response = streamHead(req.response());
          AtomicInteger next = new AtomicInteger(1);
          Runnable[] pump = new Runnable[1];
          pump[0] =
              () -> {
                // Honour the socket's own back-pressure: if the client stopped reading, this
                // stalls.
                while (next.get() <= total && !response.writeQueueFull()) {
                  int id = next.getAndIncrement();
                  response.write(
                      event("activity", "{\"id\":" + id + ",\"pad\":\"" + padding + "\"}"));
                }
                if (next.get() > total) {
                  response.end().onComplete(done -> serverFinished.complete(total));
                } else {
                  response.drainHandler(v -> pump[0].run());
                }
              };
          pump[0].run();
        });

    int capacity = 1000;
    LlamaSwapClient client = client(ClientOptions.defaults().withEventBufferCapacity(capacity));
    AssertSubscriber<DecodedEvent> subscriber =
        client.events().subscribe().withSubscriber(AssertSubscriber.create(0));

    // About 20 MB, far beyond socket buffers: the server only finishes if the client keeps reading.
    assertThat(serverFinished.get(60, TimeUnit.SECONDS)).isEqualTo(total);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (client.counters().eventsReceived() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(subscriber.getItems()).isEmpty();
    assertThat(client.counters().eventsReceived()).isEqualTo(total);
    assertThat(client.counters().eventsDroppedLocally()).isEqualTo(total - capacity);

    subscriber.request(Long.MAX_VALUE);
    subscriber.awaitCompletion(WAIT);
    List<Long> ids =
        subscriber.getItems().stream()
            .map(e -> ((LlamaSwapEvent.ActivityEvent) e).notice().id())
            .toList();
    assertThat(ids).hasSize(capacity);
    assertThat(ids.get(0)).isEqualTo(total - capacity + 1L);
    assertThat(ids.get(capacity - 1)).isEqualTo((long) total);
    client.close().await().atMost(WAIT);
  }

  @Test
  void unknownTypesPassMalformedDataIsReportedAndTheStreamGoesOn() {
    String wire =
        event("codexQuota", "{\"used\":1}")
            + "event:message\ndata:{\"type\":\"modelStatus\",\"data\":\"[{\\\"id\\\":\"}\n\n"
            + "event:message\ndata:not json at all "
            + "x".repeat(400)
            + "\n\n"
            + event("activity", "{\"id\":43}");
    host.route("GET /api/events", req -> streamHead(req.response()).end(wire));
    LlamaSwapClient client = client(ClientOptions.defaults());

    List<DecodedEvent> events = client.events().collect().asList().await().atMost(WAIT);

    assertThat(events).hasSize(4);
    assertThat(events.get(0)).isEqualTo(new LlamaSwapEvent.Unknown("codexQuota", "{\"used\":1}"));
    MalformedEvent badInner = (MalformedEvent) events.get(1);
    assertThat(badInner.type()).isEqualTo("modelStatus");
    assertThat(badInner.excerpt()).isEqualTo("[{\"id\":");
    MalformedEvent notJson = (MalformedEvent) events.get(2);
    assertThat(notJson.reason()).isEqualTo("envelope is not JSON");
    assertThat(notJson.excerpt()).startsWith("not json at all").hasSizeLessThanOrEqualTo(200);
    assertThat(((LlamaSwapEvent.ActivityEvent) events.get(3)).notice().id()).isEqualTo(43);
    assertThat(client.counters().malformedEvents()).isEqualTo(2);
    client.close().await().atMost(WAIT);
  }

  @Test
  void anOversizeLineIsDroppedAndCounted() {
    String wire =
        event("logData", "{\"data\":\"" + "L".repeat(100_000) + "\",\"source\":\"proxy\"}")
            + event("activity", "{\"id\":7}");
    host.route("GET /api/events", req -> streamHead(req.response()).end(wire));
    LlamaSwapClient client = client(ClientOptions.defaults().withMaxSseLineBytes(64 * 1024));

    List<DecodedEvent> events = client.events().collect().asList().await().atMost(WAIT);

    assertThat(events).singleElement().isInstanceOf(LlamaSwapEvent.ActivityEvent.class);
    assertThat(client.counters().oversizeLinesDropped()).isEqualTo(1);
    client.close().await().atMost(WAIT);
  }

  @Test
  void aRefusedStreamFailsTyped() {
    host.requireKey("right");
    LlamaSwapClient client = client(ClientOptions.defaults());
    Throwable failure =
        catchThrowable(() -> client.events().collect().asList().await().atMost(WAIT));
    assertThat(failure).isInstanceOf(LlamaSwapException.Unauthorized.class);
    client.close().await().atMost(WAIT);
  }

  @Test
  void cancellingClosesTheConnection() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    host.route(
        "GET /api/events",
        req -> {
          streamHead(req.response()).write(event("activity", "{\"id\":1}"));
          req.connection().closeHandler(v -> closed.complete(null));
        });
    LlamaSwapClient client = client(ClientOptions.defaults());
    DecodedEvent first = client.events().select().first().toUni().await().atMost(WAIT);
    assertThat(first).isInstanceOf(LlamaSwapEvent.ActivityEvent.class);
    closed.get(20, TimeUnit.SECONDS);
    assertThat(closed).isDone();
    client.close().await().atMost(WAIT);
  }
}
