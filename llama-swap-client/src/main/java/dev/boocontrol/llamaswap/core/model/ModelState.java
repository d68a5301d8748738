package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** Process state of a model as reported by {@code modelStatus} and {@code /running}. */
public enum ModelState {
  STOPPED,
  STARTING,
  READY,
  STOPPING,
  SHUTDOWN,
  /** The empty string: a peer model, whose state llama-swap does not know. */
  PEER,
  /** {@code unknown} (≤ v217) or any value this client does not know. */
  UNKNOWN;

  /** Maps the wire string; never fails. */
  @JsonCreator
  public static ModelState fromWire(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "" -> PEER;
      case "stopped" -> STOPPED;
      case "starting" -> STARTING;
      case "ready" -> READY;
      case "stopping" -> STOPPING;
      case "shutdown" -> SHUTDOWN;
      default -> UNKNOWN;
    };
  }

  /** True for the states in which the process exists (what {@code /v1/models} calls loaded). */
  public boolean isLoaded() {
    return this == STARTING || this == READY || this == STOPPING;
  }
}
