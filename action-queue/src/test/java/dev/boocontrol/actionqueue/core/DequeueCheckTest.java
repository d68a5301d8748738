package dev.boocontrol.actionqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.RunningModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DequeueCheckTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");
  private static final Duration STALE = Duration.ofMinutes(2);

  static Action action(ActionKind kind, String model) {
    return Action.queued("id-1", "gpu-1", new ValidRequest(kind, model, "admin", false), AT);
  }

  private static Running running(String model, ModelState state) {
    return new Running(
        List.of(new RunningModel(model, state, "llama-server --api-key s3cret", "", 0L, "", "")));
  }

  private static final Running NOTHING = new Running(List.of());

  @Test
  void anActionQueuedTooLongIsStale() {
    Action a = action(ActionKind.WARM, "m");
    assertThat(DequeueCheck.beforeRun(a, AT.plus(STALE), STALE, Optional.empty())).isEmpty();
    Optional<String> stale =
        DequeueCheck.beforeRun(a, AT.plus(STALE).plusSeconds(1), STALE, Optional.empty());
    assertThat(stale).isPresent();
    assertThat(stale.get()).contains("stale", "queued 121 s ago", "stale-after 120 s");
    assertThat(
            DequeueCheck.beforeRun(a, AT.plusMillis(2650), Duration.ofSeconds(2), Optional.empty()))
        .hasValueSatisfying(r -> assertThat(r).contains("queued 2.6 s ago", "stale-after 2 s"));
  }

  @Test
  void aHostThatWentDownMeanwhileIsSkippedWithTheReason() {
    Optional<String> down =
        DequeueCheck.beforeRun(
            action(ActionKind.UNLOAD_ALL, null),
            AT,
            STALE,
            Optional.of(new Liveness(LivenessState.DOWN, "3 probes failed", AT)));
    assertThat(down).hasValueSatisfying(r -> assertThat(r).contains("down", "3 probes failed"));
  }

  @Test
  void warmIsDoneOnlyWhenTheModelIsReady() {
    Action warm = action(ActionKind.WARM, "m");
    assertThat(DequeueCheck.alreadyDone(warm, running("m", ModelState.READY)))
        .contains("model m is already ready");
    assertThat(DequeueCheck.alreadyDone(warm, running("m", ModelState.STARTING))).isEmpty();
    assertThat(DequeueCheck.alreadyDone(warm, running("other", ModelState.READY))).isEmpty();
    assertThat(DequeueCheck.alreadyDone(warm, NOTHING)).isEmpty();
  }

  @Test
  void unloadIsDoneWhenTheModelDoesNotRun() {
    Action unload = action(ActionKind.UNLOAD, "m");
    assertThat(DequeueCheck.alreadyDone(unload, NOTHING)).contains("model m is not running");
    assertThat(DequeueCheck.alreadyDone(unload, running("other", ModelState.READY)))
        .contains("model m is not running");
    assertThat(DequeueCheck.alreadyDone(unload, running("m", ModelState.READY))).isEmpty();
    assertThat(DequeueCheck.alreadyDone(unload, running("m", ModelState.STOPPING))).isEmpty();
  }

  @Test
  void unloadAllIsDoneWhenNothingRuns() {
    Action all = action(ActionKind.UNLOAD_ALL, null);
    assertThat(DequeueCheck.alreadyDone(all, NOTHING)).contains("nothing is running");
    assertThat(DequeueCheck.alreadyDone(all, running("m", ModelState.STARTING))).isEmpty();
  }

  @Test
  void aReasonNeverQuotesTheCommandLine() {
    Action unload = action(ActionKind.WARM, "m");
    assertThat(DequeueCheck.alreadyDone(unload, running("m", ModelState.READY)))
        .hasValueSatisfying(r -> assertThat(r).doesNotContain("s3cret", "llama-server"));
  }
}
