package dev.boocontrol.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Requests in progress on a host. {@code snapshot} replaces the whole list; {@code upsert} adds or
 * replaces one request; {@code remove} ends one. Inflight ids restart with every host process: they
 * are ephemeral keys, never stored.
 */
public record InflightChanged(
    String hostId, String operation, List<InflightRequest> requests, String removedId) {

  /** One request in progress; headers are left out (they may carry secrets). */
  public record InflightRequest(
      String id,
      Instant startedAt,
      String model,
      String reqPath,
      String method,
      long respBytes,
      long elapsedMs,
      String source) {}
}
