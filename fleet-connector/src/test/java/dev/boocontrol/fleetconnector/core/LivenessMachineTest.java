package dev.boocontrol.fleetconnector.core;

import static dev.boocontrol.contracts.events.LivenessState.CONNECTED;
import static dev.boocontrol.contracts.events.LivenessState.DOWN;
import static dev.boocontrol.contracts.events.LivenessState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LivenessMachineTest {

  private static final Instant T0 = Instant.parse("2026-08-22T16:00:00Z");
  private static final Duration PROBE_EVERY = Duration.ofSeconds(10);
  private static final LivenessPolicy POLICY = new LivenessPolicy(3, Duration.ofSeconds(30));

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static LivenessMachine connectedAt(long seconds) {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);
    machine.streamOpened(at(seconds));
    return machine;
  }

  private static LivenessMachine downAt(long seconds) {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);
    for (int i = 0; i < POLICY.failuresBeforeDown(); i++) {
      machine.connectFailed(at(seconds), "refused");
    }
    assertThat(machine.state()).isEqualTo(DOWN);
    return machine;
  }

  @Test
  void startsReconnectingNeverSeen() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);

    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.lastSeenAt()).isNull();
    assertThat(machine.consecutiveFailures()).isZero();
    assertThat(machine.mayAttemptConnect(T0)).isTrue();
    assertThat(machine.probeDue(at(3600), PROBE_EVERY)).isFalse();
  }

  @Test
  void defaultPolicyIsFiveFailuresAndThirtySeconds() {
    assertThat(LivenessPolicy.DEFAULT).isEqualTo(new LivenessPolicy(5, Duration.ofSeconds(30)));
  }

  @Test
  void streamOpenedFromReconnectingConnects() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);
    machine.connectFailed(at(1), "refused");

    Optional<LivenessChange> change = machine.streamOpened(at(2));

    assertThat(change)
        .contains(new LivenessChange(RECONNECTING, CONNECTED, "event stream opened", at(2), at(2)));
    assertThat(machine.state()).isEqualTo(CONNECTED);
    assertThat(machine.lastSeenAt()).isEqualTo(at(2));
    assertThat(machine.consecutiveFailures()).isZero();
  }

  @Test
  void streamOpenedWhenAlreadyConnectedIsNoChangeButRefreshesLastSeen() {
    LivenessMachine machine = connectedAt(1);

    assertThat(machine.streamOpened(at(5))).isEmpty();
    assertThat(machine.lastSeenAt()).isEqualTo(at(5));
  }

  @Test
  void streamOpenedWhileDownConnectsAnyway() {
    LivenessMachine machine = downAt(1);

    assertThat(machine.streamOpened(at(2)))
        .contains(new LivenessChange(DOWN, CONNECTED, "event stream opened", at(2), at(2)));
    assertThat(machine.consecutiveFailures()).isZero();
  }

  @Test
  void streamDataOnlyMovesLastSeen() {
    LivenessMachine machine = connectedAt(1);

    assertThat(machine.streamData(at(7))).isEmpty();
    assertThat(machine.state()).isEqualTo(CONNECTED);
    assertThat(machine.lastSeenAt()).isEqualTo(at(7));
  }

  @Test
  void streamDataWhileReconnectingMovesLastSeenOnly() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);

    assertThat(machine.streamData(at(4))).isEmpty();
    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.lastSeenAt()).isEqualTo(at(4));
  }

  @Test
  void lastSeenNeverMovesBackwards() {
    LivenessMachine machine = connectedAt(10);

    machine.streamData(at(5));
    machine.probeSucceeded(at(3));

    assertThat(machine.lastSeenAt()).isEqualTo(at(10));
  }

  @Test
  void silenceForHoursChangesNothing() {
    LivenessMachine machine = connectedAt(1);

    // No input at all for six hours: no timeout exists, an idle host really is silent.
    Instant later = at(6 * 3600);
    assertThat(machine.state()).isEqualTo(CONNECTED);
    assertThat(machine.lastSeenAt()).isEqualTo(at(1));
    assertThat(machine.mayAttemptConnect(later)).isTrue();
    // Only the probe schedule reacts to time, and it asks, it does not judge.
    assertThat(machine.probeDue(later, PROBE_EVERY)).isTrue();
    assertThat(machine.state()).isEqualTo(CONNECTED);
    assertThat(machine.probeSucceeded(later)).isEmpty();
    assertThat(machine.state()).isEqualTo(CONNECTED);
  }

  @Test
  void streamClosedWhileConnectedReconnects() {
    LivenessMachine machine = connectedAt(1);

    assertThat(machine.streamClosed(at(9), "config reload"))
        .contains(
            new LivenessChange(
                CONNECTED, RECONNECTING, "event stream closed: config reload", at(9), at(1)));
    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.consecutiveFailures()).isZero();
    assertThat(machine.lastSeenAt()).isEqualTo(at(1));
  }

  @Test
  void streamClosedWhenNotConnectedIsIgnored() {
    LivenessMachine reconnecting = new LivenessMachine(POLICY, T0);
    LivenessMachine down = downAt(1);

    assertThat(reconnecting.streamClosed(at(2), "eof")).isEmpty();
    assertThat(down.streamClosed(at(2), "eof")).isEmpty();
    assertThat(reconnecting.state()).isEqualTo(RECONNECTING);
    assertThat(down.state()).isEqualTo(DOWN);
  }

  @Test
  void blankReasonsBecomeUnknown() {
    LivenessMachine machine = connectedAt(1);

    assertThat(machine.streamClosed(at(2), null).orElseThrow().reason())
        .isEqualTo("event stream closed: unknown");
  }

  @Test
  void connectFailuresCountUpAndOpenTheCircuit() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);

    assertThat(machine.connectFailed(at(1), "refused")).isEmpty();
    assertThat(machine.consecutiveFailures()).isEqualTo(1);
    assertThat(machine.connectFailed(at(2), "refused")).isEmpty();
    assertThat(machine.consecutiveFailures()).isEqualTo(2);
    assertThat(machine.state()).isEqualTo(RECONNECTING);

    assertThat(machine.connectFailed(at(3), "connection refused"))
        .contains(
            new LivenessChange(
                RECONNECTING,
                DOWN,
                "circuit open after 3 consecutive connect failures: connection refused",
                at(3),
                null));
    assertThat(machine.state()).isEqualTo(DOWN);
    assertThat(machine.mayAttemptConnect(at(3))).isFalse();
  }

  @Test
  void furtherFailuresWhileDownStayDown() {
    LivenessMachine machine = downAt(1);

    assertThat(machine.connectFailed(at(2), "refused")).isEmpty();
    assertThat(machine.state()).isEqualTo(DOWN);
    assertThat(machine.consecutiveFailures()).isEqualTo(4);
  }

  @Test
  void anOpenedStreamResetsTheFailureCount() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);
    machine.connectFailed(at(1), "refused");
    machine.connectFailed(at(2), "refused");
    machine.streamOpened(at(3));
    machine.streamClosed(at(4), "eof");

    assertThat(machine.connectFailed(at(5), "refused")).isEmpty();
    assertThat(machine.connectFailed(at(6), "refused")).isEmpty();
    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void connectFailedWhileConnectedDropsToReconnecting() {
    LivenessMachine machine = connectedAt(1);

    assertThat(machine.connectFailed(at(2), "timeout"))
        .contains(
            new LivenessChange(CONNECTED, RECONNECTING, "connect failed: timeout", at(2), at(1)));
  }

  @Test
  void oneFailureOpensTheCircuitWhenThePolicySaysSo() {
    LivenessMachine machine = new LivenessMachine(new LivenessPolicy(1, Duration.ofSeconds(5)), T0);

    assertThat(machine.connectFailed(at(1), "refused").orElseThrow().to()).isEqualTo(DOWN);
  }

  @Test
  void probeSucceededWhileDownHalfOpensTheCircuit() {
    LivenessMachine machine = downAt(1);

    assertThat(machine.probeSucceeded(at(31)))
        .contains(
            new LivenessChange(DOWN, RECONNECTING, "host answers /health again", at(31), at(31)));
    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.mayAttemptConnect(at(31))).isTrue();
    assertThat(machine.lastSeenAt()).isEqualTo(at(31));
  }

  @Test
  void halfOpenTrialFailureReopensTheCircuitAtOnce() {
    LivenessMachine machine = downAt(1);
    machine.probeSucceeded(at(31));

    Optional<LivenessChange> change = machine.connectFailed(at(32), "refused");

    assertThat(change.orElseThrow().from()).isEqualTo(RECONNECTING);
    assertThat(change.orElseThrow().to()).isEqualTo(DOWN);
    assertThat(change.orElseThrow().lastSeenAt()).isEqualTo(at(31));
    assertThat(machine.consecutiveFailures()).isEqualTo(4);
  }

  @Test
  void halfOpenTrialSuccessClosesTheCircuit() {
    LivenessMachine machine = downAt(1);
    machine.probeSucceeded(at(31));

    assertThat(machine.streamOpened(at(32)).orElseThrow().to()).isEqualTo(CONNECTED);
    assertThat(machine.consecutiveFailures()).isZero();
  }

  @Test
  void probeSucceededWhileConnectedOrReconnectingOnlyMovesLastSeen() {
    LivenessMachine connected = connectedAt(1);
    LivenessMachine reconnecting = new LivenessMachine(POLICY, T0);

    assertThat(connected.probeSucceeded(at(5))).isEmpty();
    assertThat(reconnecting.probeSucceeded(at(5))).isEmpty();
    assertThat(connected.state()).isEqualTo(CONNECTED);
    assertThat(reconnecting.state()).isEqualTo(RECONNECTING);
    assertThat(connected.lastSeenAt()).isEqualTo(at(5));
    assertThat(reconnecting.lastSeenAt()).isEqualTo(at(5));
  }

  @Test
  void probeFailedWhileConnectedMarksTheStreamSuspect() {
    LivenessMachine machine = connectedAt(1);

    assertThat(machine.probeFailed(at(11), "timeout after 5s"))
        .contains(
            new LivenessChange(
                CONNECTED, RECONNECTING, "health probe failed: timeout after 5s", at(11), at(1)));
    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.consecutiveFailures()).isZero();
    assertThat(machine.lastSeenAt()).isEqualTo(at(1));
  }

  @Test
  void probeFailedWhileDownStaysDown() {
    LivenessMachine machine = downAt(1);

    assertThat(machine.probeFailed(at(31), "refused")).isEmpty();
    assertThat(machine.state()).isEqualTo(DOWN);
    assertThat(machine.mayAttemptConnect(at(31))).isFalse();
  }

  @Test
  void probeFailedWhileReconnectingChangesNothing() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);

    assertThat(machine.probeFailed(at(1), "refused")).isEmpty();
    assertThat(machine.state()).isEqualTo(RECONNECTING);
    assertThat(machine.consecutiveFailures()).isZero();
  }

  @Test
  void connectedProbeIsDueEveryIntervalSinceTheLastProbe() {
    LivenessMachine machine = connectedAt(100);

    assertThat(machine.probeDue(at(109), PROBE_EVERY)).isFalse();
    assertThat(machine.probeDue(at(110), PROBE_EVERY)).isTrue();

    machine.probed(at(110));

    assertThat(machine.probeDue(at(119), PROBE_EVERY)).isFalse();
    assertThat(machine.probeDue(at(120), PROBE_EVERY)).isTrue();
  }

  @Test
  void downProbeIsDueEveryDownProbeInterval() {
    LivenessMachine machine = downAt(100);

    assertThat(machine.probeDue(at(110), PROBE_EVERY)).isFalse();
    assertThat(machine.probeDue(at(129), PROBE_EVERY)).isFalse();
    assertThat(machine.probeDue(at(130), PROBE_EVERY)).isTrue();

    machine.probed(at(130));
    machine.probeFailed(at(131), "refused");

    assertThat(machine.probeDue(at(159), PROBE_EVERY)).isFalse();
    assertThat(machine.probeDue(at(160), PROBE_EVERY)).isTrue();
  }

  @Test
  void reconnectingNeverProbes() {
    LivenessMachine machine = connectedAt(1);
    machine.streamClosed(at(2), "eof");

    assertThat(machine.probeDue(at(2), PROBE_EVERY)).isFalse();
    assertThat(machine.probeDue(at(10_000), PROBE_EVERY)).isFalse();
  }

  @Test
  void fullCycleConnectedReconnectingDownAndBack() {
    LivenessMachine machine = new LivenessMachine(POLICY, T0);

    assertThat(machine.streamOpened(at(1)).orElseThrow().to()).isEqualTo(CONNECTED);
    assertThat(machine.probeFailed(at(11), "timeout").orElseThrow().to()).isEqualTo(RECONNECTING);
    machine.connectFailed(at(12), "timeout");
    machine.connectFailed(at(13), "timeout");
    assertThat(machine.connectFailed(at(14), "timeout").orElseThrow().to()).isEqualTo(DOWN);
    assertThat(machine.probeSucceeded(at(44)).orElseThrow().to()).isEqualTo(RECONNECTING);
    LivenessChange back = machine.streamOpened(at(45)).orElseThrow();

    assertThat(back)
        .isEqualTo(
            new LivenessChange(RECONNECTING, CONNECTED, "event stream opened", at(45), at(45)));
  }

  @Test
  void policyRejectsNonsense() {
    assertThatThrownBy(() -> new LivenessPolicy(0, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LivenessPolicy(5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LivenessPolicy(5, null)).isInstanceOf(NullPointerException.class);
  }
}
