package dev.boocontrol.perfingest.core;

import java.time.Instant;
import java.util.Objects;

/** One bounded delete: the rows of {@code hostId} with {@code from <= ts < to}. */
public record DeleteChunk(String hostId, Instant from, Instant to) {

  public DeleteChunk {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("empty delete window [" + from + ", " + to + ")");
    }
  }
}
