package dev.boocontrol.actionqueue.core;

import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.RunningModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The checks an action passes when it reaches the head of its queue, because the host may have
 * changed while it waited: not stale, host not down, and its target state not already reached (read
 * from the host's {@code /running} at that moment). Each refusal is the recorded reason of a skip.
 */
public final class DequeueCheck {

  private DequeueCheck() {}

  /** A reason to skip before asking the host anything, or empty. */
  public static Optional<String> beforeRun(
      Action action, Instant now, Duration staleAfter, Optional<Liveness> liveness) {
    Duration waited = Duration.between(action.queuedAt(), now);
    if (waited.compareTo(staleAfter) > 0) {
      return Optional.of(
          "stale: queued "
              + seconds(waited)
              + " ago, longer than stale-after "
              + seconds(staleAfter)
              + "; ask again if it is still wanted");
    }
    if (liveness.isPresent() && liveness.get().state() == LivenessState.DOWN) {
      return Optional.of(Admission.downMessage(action.hostId(), liveness.get()));
    }
    return Optional.empty();
  }

  private static String seconds(Duration d) {
    long tenths = d.toMillis() / 100;
    return tenths % 10 == 0 ? tenths / 10 + " s" : tenths / 10 + "." + tenths % 10 + " s";
  }

  /** A reason to skip because the host is already where the action would bring it, or empty. */
  public static Optional<String> alreadyDone(Action action, Running running) {
    return switch (action.kind()) {
      case WARM ->
          running
              .find(action.model())
              .filter(m -> m.state() == ModelState.READY)
              .map(m -> "model " + action.model() + " is already ready");
      case UNLOAD ->
          running.find(action.model()).filter(m -> m.state().isLoaded()).isPresent()
              ? Optional.empty()
              : Optional.of("model " + action.model() + " is not running");
      case UNLOAD_ALL ->
          running.running().stream().map(RunningModel::state).anyMatch(ModelState::isLoaded)
              ? Optional.empty()
              : Optional.of("nothing is running");
    };
  }
}
