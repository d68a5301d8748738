package dev.boocontrol.actionqueue.core;

import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.InflightChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one host is doing, as {@code fleet.activity} tells it: the foreign requests that finished
 * within the retention (older ones are dropped as new ones arrive), and the requests in flight now.
 * Thread-safe (Kafka threads write, request threads read).
 */
public final class HostActivity {

  private final Duration retention;
  private final int maxKept;
  private final Deque<Courtesy.Use> finished = new ArrayDeque<>();
  private final Map<String, Courtesy.Use> inflight = new LinkedHashMap<>();

  /**
   * @param retention how long a finished request is kept (the courtesy window)
   * @param maxKept most finished requests kept (a busy host needs only its newest few)
   */
  public HostActivity(Duration retention, int maxKept) {
    this.retention = retention;
    this.maxKept = maxKept;
  }

  /** Keeps a finished request unless it is BooControl's own or older than the retention. */
  public synchronized void finished(ActivityRecorded row, Instant now) {
    if (row.finishedAt() == null
        || Courtesy.isOwn(row.source())
        || row.finishedAt().isBefore(now.minus(retention))) {
      return;
    }
    finished.addLast(new Courtesy.Use(row.model(), source(row.source()), row.finishedAt(), false));
    while (finished.size() > maxKept) {
      finished.removeFirst();
    }
    prune(now);
  }

  /** Applies a snapshot, upsert or remove of the host's in-flight list. */
  public synchronized void inflight(InflightChanged change) {
    List<InflightChanged.InflightRequest> requests =
        change.requests() == null ? List.of() : change.requests();
    switch (change.operation() == null ? "" : change.operation()) {
      case "snapshot" -> {
        inflight.clear();
        requests.forEach(this::putInflight);
      }
      case "upsert" -> requests.forEach(this::putInflight);
      case "remove" -> {
        if (change.removedId() != null) {
          inflight.remove(change.removedId());
        }
        requests.forEach(r -> inflight.remove(r.id()));
      }
      default -> {
        // an operation added later: ignored, the next snapshot corrects the list
      }
    }
  }

  /** The host is gone: nothing it had in flight is running any more. */
  public synchronized void clearInflight() {
    inflight.clear();
  }

  public synchronized List<Courtesy.Use> finishedSince(Instant since) {
    return finished.stream().filter(u -> !u.at().isBefore(since)).toList();
  }

  public synchronized List<Courtesy.Use> inflightNow() {
    return new ArrayList<>(inflight.values());
  }

  private void putInflight(InflightChanged.InflightRequest r) {
    if (r.id() != null) {
      inflight.put(r.id(), new Courtesy.Use(r.model(), source(r.source()), r.startedAt(), true));
    }
  }

  private void prune(Instant now) {
    Instant oldest = now.minus(retention);
    finished.removeIf(u -> u.at().isBefore(oldest));
  }

  private static String source(String s) {
    return s == null || s.isBlank() ? "direct" : s;
  }
}
