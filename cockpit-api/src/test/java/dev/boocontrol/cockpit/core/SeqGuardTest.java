package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.cockpit.DeltaFrame;
import dev.boocontrol.contracts.cockpit.FrameType;
import dev.boocontrol.contracts.cockpit.HostView;
import dev.boocontrol.contracts.cockpit.SnapshotFrame;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqGuardTest {

  private final SeqGuard guard = new SeqGuard();

  @Test
  void acceptsOnlyTheNextSeqOfEachHost() {
    guard.snapshot(snapshot(host("gpu-1", 5), host("gpu-2", 0)));

    assertThat(guard.accept(delta("gpu-1", 6))).isEqualTo(SeqGuard.Verdict.ACCEPT);
    assertThat(guard.accept(delta("gpu-2", 1))).isEqualTo(SeqGuard.Verdict.ACCEPT);
    assertThat(guard.accept(delta("gpu-1", 7))).isEqualTo(SeqGuard.Verdict.ACCEPT);
    assertThat(guard.last("gpu-1")).hasValue(7);
    assertThat(guard.last("gpu-2")).hasValue(1);
  }

  @Test
  void deltasTheSnapshotAlreadyContainsAreStale() {
    guard.snapshot(snapshot(host("gpu-1", 5)));

    assertThat(guard.accept(delta("gpu-1", 5))).isEqualTo(SeqGuard.Verdict.STALE);
    assertThat(guard.accept(delta("gpu-1", 1))).isEqualTo(SeqGuard.Verdict.STALE);
    assertThat(guard.accept(delta("gpu-1", 6))).isEqualTo(SeqGuard.Verdict.ACCEPT);
    assertThat(guard.accept(delta("gpu-1", 6))).isEqualTo(SeqGuard.Verdict.STALE);
    assertThat(guard.last("gpu-1")).hasValue(6);
  }

  @Test
  void aHoleIsAGapAndLeavesTheHostWhereItWasUntilTheNextSnapshot() {
    guard.snapshot(snapshot(host("gpu-1", 5), host("gpu-2", 2)));

    assertThat(guard.accept(delta("gpu-1", 7))).isEqualTo(SeqGuard.Verdict.GAP);
    assertThat(guard.last("gpu-1")).hasValue(5);
    assertThat(guard.accept(delta("gpu-1", 8))).isEqualTo(SeqGuard.Verdict.GAP);
    assertThat(guard.accept(delta("gpu-2", 3))).isEqualTo(SeqGuard.Verdict.ACCEPT);

    guard.snapshot(snapshot(host("gpu-1", 8), host("gpu-2", 3)));
    assertThat(guard.accept(delta("gpu-1", 9))).isEqualTo(SeqGuard.Verdict.ACCEPT);
  }

  @Test
  void aHostBornAfterTheSnapshotStartsAtZero() {
    guard.snapshot(snapshot(host("gpu-1", 5)));

    assertThat(guard.last("gpu-9")).isEmpty();
    assertThat(guard.accept(delta("gpu-9", 2))).isEqualTo(SeqGuard.Verdict.GAP);
    assertThat(guard.accept(delta("gpu-9", 1))).isEqualTo(SeqGuard.Verdict.ACCEPT);
    assertThat(guard.last("gpu-9")).hasValue(1);
  }

  @Test
  void withoutASnapshotEveryDeltaIsAGap() {
    assertThat(guard.accept(delta("gpu-1", 1))).isEqualTo(SeqGuard.Verdict.GAP);
  }

  @Test
  void aNewSnapshotForgetsHostsItNoLongerHolds() {
    guard.snapshot(snapshot(host("gpu-1", 5)));
    guard.snapshot(snapshot(host("gpu-2", 1)));

    assertThat(guard.last("gpu-1")).isEmpty();
    assertThat(guard.accept(delta("gpu-2", 2))).isEqualTo(SeqGuard.Verdict.ACCEPT);
  }

  private static SnapshotFrame snapshot(HostView... hosts) {
    return SnapshotFrame.of(Instant.EPOCH, List.of(hosts));
  }

  private static HostView host(String id, long seq) {
    return new HostView(
        id, null, null, null, null, null, 0, null, null, null, null, null, null, null, null, seq);
  }

  private static DeltaFrame delta(String host, long seq) {
    return DeltaFrame.of(
        FrameType.CONTROL_LOG,
        host,
        seq,
        Instant.EPOCH,
        "log.lines",
        Json.MAPPER.createObjectNode());
  }
}
