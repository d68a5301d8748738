package dev.boocontrol.cockpit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: a caller (client address) with {@code maxFailures} failed logins within
 * {@code window} is refused until the oldest of them leaves the window. A success clears the
 * caller's record. Thread-safe; memory is bounded by forgetting callers whose failures expired.
 */
public final class LoginThrottle {

  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  public LoginThrottle(int maxFailures, Duration window) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be >= 1");
    }
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Empty when the caller may try now; otherwise how long it must wait. */
  public synchronized Optional<Duration> retryAfter(String caller, Instant now) {
    Deque<Instant> recent = recent(caller, now);
    if (recent == null || recent.size() < maxFailures) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
  }

  public synchronized void failed(String caller, Instant now) {
    forgetExpired(now);
    failures.computeIfAbsent(caller, k -> new ArrayDeque<>()).addLast(now);
  }

  public synchronized void succeeded(String caller) {
    failures.remove(caller);
  }

  private Deque<Instant> recent(String caller, Instant now) {
    Deque<Instant> recent = failures.get(caller);
    if (recent != null) {
      while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
        recent.removeFirst();
      }
    }
    return recent;
  }

  private void forgetExpired(Instant now) {
    Iterator<Map.Entry<String, Deque<Instant>>> it = failures.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Deque<Instant>> e = it.next();
      Deque<Instant> recent = recent(e.getKey(), now);
      if (recent == null || recent.isEmpty()) {
        it.remove();
      }
    }
  }
}
