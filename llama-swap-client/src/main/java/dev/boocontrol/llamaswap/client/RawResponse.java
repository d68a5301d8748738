package dev.boocontrol.llamaswap.client;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * A 2xx inference answer whose body has not been read yet, for relaying chunk by chunk.
 *
 * <p>The body is paused until {@link #body()} is subscribed, and then read as fast as the
 * subscriber requests: back-pressure flows to the upstream on purpose here, as a proxy's should.
 * Subscribe to the body exactly once, or call {@link #discard()}; cancelling the subscription
 * closes the connection, which cancels the request on the host.
 */
public final class RawResponse {

  private final int status;
  private final MultiMap headers;
  private final Multi<Buffer> body;
  private final Runnable discard;

  RawResponse(int status, MultiMap headers, Multi<Buffer> body, Runnable discard) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.discard = discard;
  }

  public int status() {
    return status;
  }

  /** Response headers as the host sent them (for example {@code Content-Type}). */
  public MultiMap headers() {
    return headers;
  }

  /** The body, chunk by chunk; single subscriber. */
  public Multi<Buffer> body() {
    return body;
  }

  /** Closes the connection without reading the body. */
  public void discard() {
    discard.run();
  }

  /** True for {@code text/event-stream}. */
  public boolean isEventStream() {
    String type = headers.get("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream");
  }

  @Override
  public String toString() {
    return "RawResponse[status=" + status + ", content-type=" + headers.get("Content-Type") + "]";
  }
}
