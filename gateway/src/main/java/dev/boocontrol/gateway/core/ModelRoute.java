package dev.boocontrol.gateway.core;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One model on one host.
 *
 * @param state llama-swap's state name (ready, starting, stopping, stopped, shutdown); "stopped"
 *     when only the host's model list mentions it
 * @param contextLength the model's context length when the host says it
 */
public record ModelRoute(String modelId, String state, OptionalInt contextLength) {

  public ModelRoute {
    Objects.requireNonNull(modelId, "modelId");
    state = state == null ? "stopped" : state;
    contextLength = contextLength == null ? OptionalInt.empty() : contextLength;
  }

  /** 0 ready, 1 starting, 2 anything else (a request would load it: a swap). */
  public int warmRank() {
    return switch (state) {
      case "ready" -> 0;
      case "starting" -> 1;
      default -> 2;
    };
  }
}
