package dev.boocontrol.fleetconnector.core;

import static dev.boocontrol.llamaswap.core.model.ModelState.READY;
import static dev.boocontrol.llamaswap.core.model.ModelState.SHUTDOWN;
import static dev.boocontrol.llamaswap.core.model.ModelState.STARTING;
import static dev.boocontrol.llamaswap.core.model.ModelState.STOPPED;
import static dev.boocontrol.llamaswap.core.model.ModelState.STOPPING;
import static dev.boocontrol.llamaswap.core.model.ModelState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.ModelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelStatusDifferTest {

  private static final Instant T0 = Instant.parse("2026-08-22T16:00:00Z");

  private final ModelStatusDiffer differ = new ModelStatusDiffer();

  private static ModelStatus local(String id, ModelState state) {
    return new ModelStatus(id, "", "", state, false, "", null, null, null);
  }

  private static ModelStatus peer(String id) {
    return new ModelStatus(id, "", "", ModelState.PEER, false, "strix", null, null, null);
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static ModelChange change(String id, String from, String to) {
    return new ModelChange(id, from, to, false);
  }

  private static ModelChange swap(String id, String from, String to) {
    return new ModelChange(id, from, to, true);
  }

  @Test
  void firstSnapshotEmitsEveryLocalModelFromNull() {
    List<ModelChange> changes =
        differ.apply(
            List.of(
                local("gemma3-12b", STOPPED),
                local("nomic-embed", READY),
                local("qwen3-30b", STARTING),
                peer("strix/gpt-oss-120b")),
            T0);

    assertThat(changes)
        .containsExactly(
            change("gemma3-12b", null, "stopped"),
            change("nomic-embed", null, "ready"),
            change("qwen3-30b", null, "starting"));
  }

  @Test
  void unchangedSnapshotEmitsNothing() {
    List<ModelStatus> snapshot = List.of(local("a", STOPPED), local("b", READY));
    differ.apply(snapshot, at(0));

    assertThat(differ.apply(snapshot, at(1))).isEmpty();
  }

  @Test
  void laterSnapshotsEmitOnlyChangesInSnapshotOrder() {
    differ.apply(List.of(local("a", STOPPED), local("b", STOPPED), local("c", READY)), at(0));

    List<ModelChange> changes =
        differ.apply(
            List.of(local("a", STARTING), local("b", STOPPED), local("c", STOPPING)), at(1));

    // a starts while c leaves ready in the same snapshot: a swap.
    assertThat(changes)
        .containsExactly(swap("a", "stopped", "starting"), change("c", "ready", "stopping"));
  }

  @Test
  void everyWireStateIsEmitted() {
    differ.apply(List.of(local("m", STOPPED)), at(0));

    assertThat(differ.apply(List.of(local("m", STARTING)), at(1)))
        .containsExactly(change("m", "stopped", "starting"));
    assertThat(differ.apply(List.of(local("m", READY)), at(2)))
        .containsExactly(change("m", "starting", "ready"));
    assertThat(differ.apply(List.of(local("m", STOPPING)), at(3)))
        .containsExactly(change("m", "ready", "stopping"));
    assertThat(differ.apply(List.of(local("m", STOPPED)), at(4)))
        .containsExactly(change("m", "stopping", "stopped"));
    assertThat(differ.apply(List.of(local("m", SHUTDOWN)), at(5)))
        .containsExactly(change("m", "stopped", "shutdown"));
    assertThat(differ.apply(List.of(local("m", UNKNOWN)), at(6)))
        .containsExactly(change("m", "shutdown", "unknown"));
  }

  @Test
  void skippedStatesGiveOneChangeFromTheLastKnownState() {
    differ.apply(List.of(local("m", STOPPED)), at(0));

    // starting was in a dropped snapshot
    assertThat(differ.apply(List.of(local("m", READY)), at(5)))
        .containsExactly(change("m", "stopped", "ready"));
  }

  @Test
  void peersAreIgnoredEvenWhenTheyCarryAState() {
    ModelStatus oddPeer = new ModelStatus("p", "", "", READY, false, "strix", null, null, null);

    assertThat(differ.apply(List.of(peer("strix/x"), oddPeer), at(0))).isEmpty();
    assertThat(differ.apply(List.of(local("p", STOPPED)), at(1)))
        .containsExactly(change("p", null, "stopped"));
  }

  @Test
  void removedModelIsForgottenSilentlyAndNewIfItReturns() {
    differ.apply(List.of(local("a", READY), local("b", STOPPED)), at(0));

    assertThat(differ.apply(List.of(local("b", STOPPED)), at(1))).isEmpty();
    assertThat(differ.apply(List.of(local("a", READY), local("b", STOPPED)), at(2)))
        .containsExactly(change("a", null, "ready"));
  }

  @Test
  void modelAddedByReloadIsNew() {
    differ.apply(List.of(local("a", STOPPED)), at(0));

    assertThat(differ.apply(List.of(local("a", STOPPED), local("b", STOPPED)), at(1)))
        .containsExactly(change("b", null, "stopped"));
  }

  @Test
  void reconnectSnapshotIsDiffedAgainstLastKnownStates() {
    differ.apply(List.of(local("a", READY), local("b", STOPPED), local("c", STOPPED)), at(0));

    // The stream closed and reopened; the new connection's initial snapshot:
    List<ModelChange> changes =
        differ.apply(List.of(local("a", READY), local("b", READY), local("c", STOPPED)), at(60));

    assertThat(changes).containsExactly(change("b", "stopped", "ready"));
  }

  @Test
  void emptySnapshotForgetsEverything() {
    differ.apply(List.of(local("a", READY)), at(0));

    assertThat(differ.apply(List.of(), at(1))).isEmpty();
    assertThat(differ.apply(List.of(local("a", READY)), at(2)))
        .containsExactly(change("a", null, "ready"));
  }

  @Test
  void startWithinTenSecondsOfAnotherModelLeavingReadyIsASwap() {
    differ.apply(List.of(local("old", READY), local("new", STOPPED)), at(0));
    assertThat(differ.apply(List.of(local("old", STOPPING), local("new", STOPPED)), at(1)))
        .containsExactly(change("old", "ready", "stopping"));
    assertThat(differ.apply(List.of(local("old", STOPPED), local("new", STOPPED)), at(3)))
        .containsExactly(change("old", "stopping", "stopped"));

    assertThat(differ.apply(List.of(local("old", STOPPED), local("new", STARTING)), at(11)))
        .containsExactly(swap("new", "stopped", "starting"));
    assertThat(differ.apply(List.of(local("old", STOPPED), local("new", READY)), at(20)))
        .containsExactly(change("new", "starting", "ready"));
  }

  @Test
  void startMoreThanTenSecondsLaterIsNotASwap() {
    differ.apply(List.of(local("old", READY), local("new", STOPPED)), at(0));
    differ.apply(List.of(local("old", STOPPED), local("new", STOPPED)), at(1));

    assertThat(differ.apply(List.of(local("old", STOPPED), local("new", STARTING)), at(12)))
        .containsExactly(change("new", "stopped", "starting"));
  }

  @Test
  void crashFromReadyToStoppedAlsoCountsAsLeavingReady() {
    differ.apply(List.of(local("a", READY), local("b", STOPPED)), at(0));

    assertThat(differ.apply(List.of(local("a", STOPPED), local("b", STARTING)), at(2)))
        .containsExactly(change("a", "ready", "stopped"), swap("b", "stopped", "starting"));
  }

  @Test
  void sameSnapshotSwapWhenTheLeavingModelComesLater() {
    differ.apply(List.of(local("a", STOPPED), local("z", READY)), at(0));

    assertThat(differ.apply(List.of(local("a", STARTING), local("z", STOPPING)), at(1)))
        .containsExactly(swap("a", "stopped", "starting"), change("z", "ready", "stopping"));
  }

  @Test
  void aModelLeavingReadyDoesNotMakeItsOwnRestartASwap() {
    differ.apply(List.of(local("a", READY)), at(0));
    differ.apply(List.of(local("a", STOPPED)), at(1));

    assertThat(differ.apply(List.of(local("a", STARTING)), at(2)))
        .containsExactly(change("a", "stopped", "starting"));
  }

  @Test
  void leavingReadyToShutdownIsAReloadNotASwap() {
    differ.apply(List.of(local("a", READY), local("b", STOPPED)), at(0));

    assertThat(differ.apply(List.of(local("a", SHUTDOWN), local("b", STARTING)), at(1)))
        .containsExactly(change("a", "ready", "shutdown"), change("b", "stopped", "starting"));
  }

  @Test
  void startWithoutAnyModelLeavingReadyIsNotASwap() {
    differ.apply(List.of(local("a", STOPPED), local("b", READY)), at(0));

    assertThat(differ.apply(List.of(local("a", STARTING), local("b", READY)), at(1)))
        .containsExactly(change("a", "stopped", "starting"));
  }

  @Test
  void onlyStartingChangesAreSwaps() {
    differ.apply(List.of(local("a", STOPPED), local("b", READY)), at(0));

    // starting was dropped: a jumped straight to ready; no swap flag on a ready change.
    assertThat(differ.apply(List.of(local("a", READY), local("b", STOPPED)), at(1)))
        .containsExactly(change("a", "stopped", "ready"), change("b", "ready", "stopped"));
  }

  @Test
  void swapWindowIsConfigurable() {
    ModelStatusDiffer tight = new ModelStatusDiffer(Duration.ofSeconds(2));
    tight.apply(List.of(local("a", READY), local("b", STOPPED), local("c", STOPPED)), at(0));
    tight.apply(List.of(local("a", STOPPED), local("b", STOPPED), local("c", STOPPED)), at(1));

    assertThat(
            tight.apply(
                List.of(local("a", STOPPED), local("b", STARTING), local("c", STOPPED)), at(3)))
        .containsExactly(swap("b", "stopped", "starting"));
    assertThat(
            tight.apply(
                List.of(local("a", STOPPED), local("b", STARTING), local("c", STARTING)), at(4)))
        .containsExactly(change("c", "stopped", "starting"));
  }

  @Test
  void wireNamesAreLowerCase() {
    assertThat(ModelStatusDiffer.wireName(STOPPED)).isEqualTo("stopped");
    assertThat(ModelStatusDiffer.wireName(SHUTDOWN)).isEqualTo("shutdown");
    assertThat(ModelStatusDiffer.wireName(UNKNOWN)).isEqualTo("unknown");
  }
}
