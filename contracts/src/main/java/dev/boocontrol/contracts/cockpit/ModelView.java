package dev.boocontrol.contracts.cockpit;

import java.time.Instant;
import java.util.Objects;

/**
 * The last known state of one model on a host.
 *
 * @param state llama-swap's state name (ready, starting, stopping, stopped, …), kept as a string so
 *     a state added by a newer llama-swap is shown rather than dropped
 * @param since when the host was seen entering that state; null when unknown
 * @param swap whether that transition was part of a swap (one model evicting another)
 */
public record ModelView(String modelId, String state, Instant since, boolean swap) {

  public ModelView {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(state, "state");
  }
}
