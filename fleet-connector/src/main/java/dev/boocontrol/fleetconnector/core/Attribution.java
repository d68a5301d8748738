package dev.boocontrol.fleetconnector.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Which consumer sent an activity row, and how sure we are.
 *
 * @param source the {@code X-Boo-Source} value, or {@code direct}; never null
 */
public record Attribution(String source, Kind kind) {

  /** The source of a request that carried no usable {@code X-Boo-Source}. */
  public static final String DIRECT = "direct";

  public Attribution {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
  }

  /** How the source was found. */
  public enum Kind {
    /** From the row's capture: exact. */
    CAPTURE,
    /** From an in-flight entry matched by model, path and time: a best guess. */
    INFERRED,
    /** No clue at all. */
    NONE;

    /** {@code capture}, {@code inferred} or {@code none}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
