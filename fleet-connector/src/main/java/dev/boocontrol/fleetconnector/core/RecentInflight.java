package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.llamaswap.core.model.InflightEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded memory of one host's in-flight requests, kept after they finish so an activity row
 * without a capture can be matched to the request that produced it. llama-swap gives no link from
 * an in-flight id to an activity id, so the match is by model, path and time.
 *
 * <p>Entries are keyed by in-flight id and start time: in-flight ids restart at "1" on every
 * reload, and a reused id must not overwrite a different, still unclaimed request. When full, the
 * oldest remembered entry is forgotten.
 *
 * <p>Not thread-safe: one instance per host, driven from that host's loop.
 */
public final class RecentInflight {

  /** Activity timestamps are whole seconds (truncated), so the window is generous around them. */
  static final Duration BEFORE_START_SLACK = Duration.ofSeconds(2);

  static final Duration AFTER_FINISH_SLACK = Duration.ofSeconds(1);

  private final int capacity;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  public RecentInflight(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds an entry, or replaces an earlier upsert of the same request (latest headers win). */
  public void remember(InflightEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.timestamp() == null) {
      return; // cannot be matched by time
    }
    String key = entry.id() + "@" + entry.timestamp().toInstant();
    Slot previous = slots.get(key);
    slots.put(key, new Slot(entry, previous != null && previous.claimed));
    Iterator<Slot> oldest = slots.values().iterator();
    while (slots.size() > capacity) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * The unclaimed request with this model and path whose start lies within {@code [finishedAt -
   * durationMs - 2s, finishedAt + 1s]}, closest to {@code finishedAt - durationMs}; it is claimed
   * so no other row gets it. Ties go to the entry remembered first.
   */
  public Optional<InflightEntry> claim(
      String model, String reqPath, Instant finishedAt, long durationMs) {
    Objects.requireNonNull(finishedAt, "finishedAt");
    Instant expectedStart = finishedAt.minusMillis(Math.max(0, durationMs));
    Instant earliest = expectedStart.minus(BEFORE_START_SLACK);
    Instant latest = finishedAt.plus(AFTER_FINISH_SLACK);
    Slot best = null;
    Duration bestDistance = null;
    for (Slot slot : slots.values()) {
      InflightEntry entry = slot.entry;
      Instant start = entry.timestamp().toInstant();
      if (slot.claimed
          || !entry.model().equals(model)
          || !entry.reqPath().equals(reqPath)
          || start.isBefore(earliest)
          || start.isAfter(latest)) {
        continue;
      }
      Duration distance = Duration.between(start, expectedStart).abs();
      if (best == null || distance.compareTo(bestDistance) < 0) {
        best = slot;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    best.claimed = true;
    return Optional.of(best.entry);
  }

  /** Entries remembered now, claimed ones included. */
  public int size() {
    return slots.size();
  }

  private static final class Slot {
    final InflightEntry entry;
    boolean claimed;

    Slot(InflightEntry entry, boolean claimed) {
      this.entry = entry;
      this.claimed = claimed;
    }
  }
}
