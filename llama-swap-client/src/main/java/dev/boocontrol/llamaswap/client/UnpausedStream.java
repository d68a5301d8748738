package dev.boocontrol.llamaswap.client;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.http.HttpClientResponse;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A long-lived response read as fast as the host writes it, whatever the subscriber's demand: the
 * socket is never paused, decoded items go to a {@link LocalDropBuffer}. Every subscription opens
 * its own connection; cancelling closes it. See DESIGN.md.
 */
final class UnpausedStream {

  /** Turns the body's bytes into items; called on the event loop only. */
  interface BodyDecoder<T> {
    void onBytes(byte[] chunk, Consumer<T> out);

    void onEnd(Consumer<T> out);
  }

  private UnpausedStream() {}

  static <T> Multi<T> open(
      HostHttp http,
      HostHttp.Call call,
      Supplier<BodyDecoder<T>> decoders,
      LocalDropBuffer.DropListener drops) {
    Flow.Publisher<T> publisher =
        subscriber -> new Session<>(http, call, decoders.get(), drops).start(subscriber);
    return Multi.createFrom().publisher(publisher);
  }

  private static final class Session<T> {
    private final HostHttp http;
    private final HostHttp.Call call;
    private final BodyDecoder<T> decoder;
    private final LocalDropBuffer.DropListener drops;
    private final AtomicReference<HostHttp.Sent> sent = new AtomicReference<>();
    private volatile Cancellable pending;
    private LocalDropBuffer<T> buffer;

    Session(
        HostHttp http,
        HostHttp.Call call,
        BodyDecoder<T> decoder,
        LocalDropBuffer.DropListener drops) {
      this.http = http;
      this.call = call;
      this.decoder = decoder;
      this.drops = drops;
    }

    void start(Flow.Subscriber<? super T> subscriber) {
      buffer =
          new LocalDropBuffer<>(
              subscriber, http.options().eventBufferCapacity(), drops, this::closeConnection);
      subscriber.onSubscribe(buffer);
      if (buffer.isCancelled()) {
        return;
      }
      pending = http.send(call).subscribe().with(this::onResponse, buffer::fail);
      if (buffer.isCancelled()) {
        pending.cancel();
      }
    }

    private void onResponse(HostHttp.Sent response) {
      sent.set(response);
      if (buffer.isCancelled()) {
        response.abort();
        return;
      }
      if (!response.ok()) {
        http.failure(response).subscribe().with(buffer::fail, buffer::fail);
        return;
      }
      HttpClientResponse body = response.response();
      body.handler(
          chunk -> {
            try {
              decoder.onBytes(chunk.getBytes(), buffer::offer);
            } catch (RuntimeException e) {
              // Decoders do not throw; if one ever does, end the stream rather than lose sync.
              response.abort();
              buffer.fail(e);
            }
          });
      body.endHandler(
          () -> {
            decoder.onEnd(buffer::offer);
            buffer.complete();
          });
      body.exceptionHandler(buffer::fail);
      // Flowing mode for good: demand is handled by the local buffer, never by the socket.
      body.fetch(Long.MAX_VALUE);
    }

    private void closeConnection() {
      Cancellable waiting = pending;
      if (waiting != null) {
        waiting.cancel();
      }
      HostHttp.Sent response = sent.get();
      if (response != null) {
        response.abort();
      }
    }
  }
}
