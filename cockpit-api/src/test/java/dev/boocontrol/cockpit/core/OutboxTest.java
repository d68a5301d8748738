package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.contracts.cockpit.ResyncFrame;
import dev.boocontrol.contracts.cockpit.SnapshotFrame;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

  @Test
  void framesComeOutInTheOrderTheyWentIn() {
    Outbox outbox = new Outbox(3);

    assertThat(outbox.offer("a")).isEqualTo(Outbox.Offer.ACCEPTED);
    assertThat(outbox.offer("b")).isEqualTo(Outbox.Offer.ACCEPTED);

    assertThat(outbox.size()).isEqualTo(2);
    assertThat(outbox.poll()).isEqualTo("a");
    assertThat(outbox.poll()).isEqualTo("b");
    assertThat(outbox.poll()).isNull();
    assertThat(outbox.isEmpty()).isTrue();
  }

  @Test
  void aFullQueueIsDroppedWholeAndNothingIsQueuedUntilResynced() {
    Outbox outbox = new Outbox(2);
    outbox.offer("a");
    outbox.offer("b");

    assertThat(outbox.offer("c")).isEqualTo(Outbox.Offer.OVERFLOWED);
    assertThat(outbox.isEmpty()).isTrue();
    assertThat(outbox.awaitingResync()).isTrue();
    assertThat(outbox.offer("d")).isEqualTo(Outbox.Offer.DROPPED_UNTIL_RESYNC);
    assertThat(outbox.offer("e")).isEqualTo(Outbox.Offer.DROPPED_UNTIL_RESYNC);
    assertThat(outbox.size()).isZero();
    assertThat(outbox.poll()).isNull();

    outbox.resynced();
    ResyncFrame resync = ResyncFrame.of("client queue overflowed");
    SnapshotFrame snapshot = SnapshotFrame.of(Instant.EPOCH, List.of());
    assertThat(outbox.awaitingResync()).isFalse();
    assertThat(outbox.offer(resync)).isEqualTo(Outbox.Offer.ACCEPTED);
    assertThat(outbox.offer(snapshot)).isEqualTo(Outbox.Offer.ACCEPTED);
    assertThat(outbox.poll()).isSameAs(resync);
    assertThat(outbox.poll()).isSameAs(snapshot);
  }

  @Test
  void drainingInTimeNeverOverflows() {
    Outbox outbox = new Outbox(1);
    for (int i = 0; i < 100; i++) {
      assertThat(outbox.offer(i)).isEqualTo(Outbox.Offer.ACCEPTED);
      assertThat(outbox.poll()).isEqualTo(i);
    }
  }

  @Test
  void capacityAndFramesAreChecked() {
    assertThatThrownBy(() -> new Outbox(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outbox(1).offer(null)).isInstanceOf(NullPointerException.class);
    assertThat(new Outbox(7).capacity()).isEqualTo(7);
  }
}
