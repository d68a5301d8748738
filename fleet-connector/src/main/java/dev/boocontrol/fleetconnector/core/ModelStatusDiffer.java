package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.ModelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one host's {@code modelStatus} snapshots into transitions. Snapshots are full states, not a
 * log: some may be dropped under back-pressure, so a model can jump (stopped → ready) and gets one
 * change from its last known state to the new one.
 *
 * <p>Keep one instance per host for the life of the connector, across reconnects: the first
 * snapshot of a new connection is diffed against the last known states, so a reconnect re-emits
 * only what really changed while we were away.
 *
 * <p>Peer models (no local state) are ignored. A model missing from a snapshot (a config reload
 * removed it) is forgotten silently; if it comes back it is new again (change from null).
 *
 * <p>Not thread-safe: one instance per host, driven from that host's loop.
 */
public final class ModelStatusDiffer {

  /** A start this close after another model left ready is a swap. */
  public static final Duration DEFAULT_SWAP_WINDOW = Duration.ofSeconds(10);

  private final Duration swapWindow;
  private final Map<String, String> lastStates = new HashMap<>();
  private final Map<String, Instant> leftReadyAt = new HashMap<>();

  public ModelStatusDiffer() {
    this(DEFAULT_SWAP_WINDOW);
  }

  public ModelStatusDiffer(Duration swapWindow) {
    this.swapWindow = Objects.requireNonNull(swapWindow, "swapWindow");
  }

  /** The changes since the previous snapshot, in snapshot order. */
  public List<ModelChange> apply(List<ModelStatus> snapshot, Instant observedAt) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(observedAt, "observedAt");
    Map<String, String> current = new HashMap<>();
    List<ModelChange> changes = new ArrayList<>();
    for (ModelStatus model : snapshot) {
      if (model == null || model.state() == ModelState.PEER || model.isPeer()) {
        continue;
      }
      String to = wireName(model.state());
      String from = lastStates.get(model.id());
      current.put(model.id(), to);
      if (to.equals(from)) {
        continue;
      }
      if ("ready".equals(from) && ("stopping".equals(to) || "stopped".equals(to))) {
        leftReadyAt.put(model.id(), observedAt);
      }
      changes.add(new ModelChange(model.id(), from, to, false));
    }
    lastStates.clear();
    lastStates.putAll(current);
    Instant windowStart = observedAt.minus(swapWindow);
    leftReadyAt.values().removeIf(at -> at.isBefore(windowStart));
    // Second pass: a model leaving ready later in the same snapshot still makes this a swap.
    return changes.stream().map(this::markSwap).toList();
  }

  private ModelChange markSwap(ModelChange change) {
    if (!"starting".equals(change.toState())) {
      return change;
    }
    boolean otherLeftReady =
        leftReadyAt.keySet().stream().anyMatch(id -> !id.equals(change.modelId()));
    return otherLeftReady
        ? new ModelChange(change.modelId(), change.fromState(), change.toState(), true)
        : change;
  }

  /** The llama-swap wire name of a local state ({@code unknown} for anything unrecognised). */
  static String wireName(ModelState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
