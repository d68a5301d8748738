package dev.boocontrol.llamaswap.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LocalDropBufferTest {

  /** A hand-driven subscriber. */
  static final class Recorder implements Flow.Subscriber<Integer> {
    final List<Integer> items = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    volatile boolean completed;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {}

    @Override
    public void onNext(Integer item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
      error.set(throwable);
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  @Test
  void dropsTheOldestWhenFullAndCounts() {
    Recorder recorder = new Recorder();
    AtomicInteger drops = new AtomicInteger();
    LocalDropBuffer<Integer> buffer =
        new LocalDropBuffer<>(recorder, 3, drops::incrementAndGet, () -> {});
    for (int i = 1; i <= 10; i++) {
      buffer.offer(i);
    }
    assertThat(recorder.items).isEmpty();
    assertThat(buffer.queued()).isEqualTo(3);
    assertThat(drops.get()).isEqualTo(7);
    assertThat(buffer.droppedCount()).isEqualTo(7);
    buffer.request(2);
    assertThat(recorder.items).containsExactly(8, 9);
    buffer.complete();
    assertThat(recorder.completed).isFalse(); // one item still waits for demand
    buffer.request(5);
    assertThat(recorder.items).containsExactly(8, 9, 10);
    assertThat(recorder.completed).isTrue();
  }

  @Test
  void deliversQueuedItemsBeforeAFailure() {
    Recorder recorder = new Recorder();
    LocalDropBuffer<Integer> buffer = new LocalDropBuffer<>(recorder, 10, () -> {}, () -> {});
    buffer.offer(1);
    buffer.fail(new IllegalStateException("socket closed"));
    buffer.offer(2); // after the end: ignored
    assertThat(recorder.error.get()).isNull();
    buffer.request(Long.MAX_VALUE);
    assertThat(recorder.items).containsExactly(1);
    assertThat(recorder.error.get()).hasMessage("socket closed");
  }

  @Test
  void cancelClosesTheSourceAndStopsDelivery() {
    Recorder recorder = new Recorder();
    AtomicInteger closes = new AtomicInteger();
    LocalDropBuffer<Integer> buffer =
        new LocalDropBuffer<>(recorder, 10, () -> {}, closes::incrementAndGet);
    buffer.offer(1);
    buffer.cancel();
    buffer.cancel();
    buffer.request(5);
    buffer.offer(2);
    assertThat(recorder.items).isEmpty();
    assertThat(closes.get()).isEqualTo(1);
    assertThat(buffer.isCancelled()).isTrue();
  }

  @Test
  void aBadRequestAmountIsASpecViolation() {
    Recorder recorder = new Recorder();
    AtomicInteger closes = new AtomicInteger();
    LocalDropBuffer<Integer> buffer =
        new LocalDropBuffer<>(recorder, 10, () -> {}, closes::incrementAndGet);
    buffer.request(0);
    assertThat(recorder.error.get()).isInstanceOf(IllegalArgumentException.class);
    assertThat(closes.get()).isEqualTo(1);
  }

  @Test
  @Timeout(60)
  void concurrentProducerAndConsumerKeepOrderAndAccountForEveryItem() throws Exception {
    Recorder recorder = new Recorder();
    AtomicInteger drops = new AtomicInteger();
    LocalDropBuffer<Integer> buffer =
        new LocalDropBuffer<>(recorder, 64, drops::incrementAndGet, () -> {});
    int total = 200_000;
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < total; i++) {
                buffer.offer(i);
              }
              buffer.complete();
            });
    producer.start();
    while (!recorder.completed) {
      buffer.request(1 + (int) (Math.random() * 50));
      Thread.onSpinWait();
    }
    producer.join();
    List<Integer> items = recorder.items;
    assertThat(items.size() + drops.get()).isEqualTo(total);
    for (int i = 1; i < items.size(); i++) {
      assertThat(items.get(i)).isGreaterThan(items.get(i - 1));
    }
    assertThat(items.get(items.size() - 1)).isEqualTo(total - 1);
  }
}
