package dev.boocontrol.actionqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostQueueTest {

  @Test
  void runsOneAtATimeInSubmissionOrder() {
    HostQueue<String> q = new HostQueue<>();
    assertThat(q.offer("1", "first", 4)).hasValue(1);
    assertThat(q.offer("2", "second", 4)).hasValue(2);
    assertThat(q.offer("3", "third", 4)).hasValue(3);
    q.recorded("1");
    q.recorded("2");
    q.recorded("3");
    assertThat(q.startNext()).contains("first");
    assertThat(q.startNext()).as("one runs already").isEmpty();
    assertThat(q.position("2")).hasValue(1);
    q.finishRunning();
    assertThat(q.startNext()).contains("second");
    q.finishRunning();
    assertThat(q.startNext()).contains("third");
    q.finishRunning();
    assertThat(q.startNext()).isEmpty();
  }

  @Test
  void anUnrecordedHeadWaitsForItsRow() {
    HostQueue<String> q = new HostQueue<>();
    q.offer("1", "first", 4);
    q.offer("2", "second", 4);
    q.recorded("2");
    assertThat(q.startNext()).isEmpty();
    q.recorded("1");
    assertThat(q.startNext()).contains("first");
  }

  @Test
  void theRunningActionDoesNotTakeAWaitingPlace() {
    HostQueue<String> q = new HostQueue<>();
    q.offer("0", "running", 2);
    q.recorded("0");
    q.startNext();
    assertThat(q.offer("1", "a", 2)).hasValue(1);
    assertThat(q.offer("2", "b", 2)).hasValue(2);
    assertThat(q.offer("3", "c", 2)).isEmpty();
    assertThat(q.waitingCount()).isEqualTo(2);
  }

  @Test
  void aCancelledActionLeavesAndTheRestMoveUp() {
    HostQueue<String> q = new HostQueue<>();
    q.offer("1", "a", 4);
    q.offer("2", "b", 4);
    q.offer("3", "c", 4);
    assertThat(q.remove("2")).isTrue();
    assertThat(q.remove("2")).isFalse();
    assertThat(q.waiting()).containsExactly("a", "c");
    assertThat(q.position("3")).hasValue(2);
    assertThat(q.position("2")).isEmpty();
  }

  @Test
  void updatesKeepThePlace() {
    HostQueue<String> q = new HostQueue<>();
    q.offer("1", "a", 4);
    q.offer("2", "b", 4);
    q.update("1", "a'");
    assertThat(q.waiting()).containsExactly("a'", "b");
    q.recorded("1");
    q.startNext();
    q.update("1", "a''");
    assertThat(q.running()).contains("a''");
  }
}
