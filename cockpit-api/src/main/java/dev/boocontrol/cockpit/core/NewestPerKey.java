package dev.boocontrol.cockpit.core;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest time seen per key, so a replayed or reordered state never overwrites a newer one (a
 * host's liveness read from two consumers). Thread-safe.
 */
public final class NewestPerKey {

  private final Map<String, Instant> newest = new ConcurrentHashMap<>();

  /** True, and remembered, when {@code at} is after everything seen for {@code key} so far. */
  public boolean advance(String key, Instant at) {
    boolean[] newer = {false};
    newest.compute(
        key,
        (k, last) -> {
          if (last == null || at.isAfter(last)) {
            newer[0] = true;
            return at;
          }
          return last;
        });
    return newer[0];
  }
}
