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
 * @param ttlSeconds the host's TTL for the model from {@code /running} (a {@code host.info} event):
 *     seconds of idleness before it is unloaded, 0 = never; null when not known yet
 * @param lastUsedAt when the model's last completed request finished (newest {@code
 *     activity.recorded} seen); null when none was seen
 */
public record ModelView(
    String modelId,
    String state,
    Instant since,
    boolean swap,
    Integer ttlSeconds,
    Instant lastUsedAt) {

  public ModelView {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(state, "state");
  }

  /** A model whose TTL and last use are not known. */
  public ModelView(String modelId, String state, Instant since, boolean swap) {
    this(modelId, state, since, swap, null, null);
  }
}
