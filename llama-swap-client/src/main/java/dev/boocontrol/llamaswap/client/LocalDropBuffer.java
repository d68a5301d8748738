package dev.boocontrol.llamaswap.client;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands items from a socket that is never paused to a subscriber that may be slow: a bounded local
 * queue between them. When the queue is full the <em>oldest</em> queued item is dropped and
 * counted, so a subscriber that catches up sees the freshest state. See DESIGN.md.
 *
 * <p>{@link #offer}, {@link #complete} and {@link #fail} may be called from the event loop while
 * {@link #request} and {@link #cancel} come from any thread; delivery to the subscriber is
 * serialised by a work-in-progress counter, never under the lock.
 */
final class LocalDropBuffer<T> implements Flow.Subscription {

  /** Told about every dropped item. */
  interface DropListener {
    void dropped();
  }

  private final Flow.Subscriber<? super T> downstream;
  private final int capacity;
  private final DropListener dropListener;
  private final Runnable onCancel;

  private final Object lock = new Object();
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private boolean done;
  private Throwable error;

  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean cancelled;
  private boolean terminated;

  LocalDropBuffer(
      Flow.Subscriber<? super T> downstream,
      int capacity,
      DropListener dropListener,
      Runnable onCancel) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.downstream = Objects.requireNonNull(downstream);
    this.capacity = capacity;
    this.dropListener = dropListener;
    this.onCancel = onCancel;
  }

  /** Queues an item; never blocks and never refuses: a full queue loses its oldest item. */
  void offer(T item) {
    boolean droppedOne = false;
    synchronized (lock) {
      if (done || cancelled) {
        return;
      }
      if (queue.size() >= capacity) {
        queue.pollFirst();
        droppedOne = true;
      }
      queue.addLast(item);
    }
    if (droppedOne) {
      dropped.incrementAndGet();
      dropListener.dropped();
    }
    drain();
  }

  /** The source ended; queued items are still delivered first. */
  void complete() {
    synchronized (lock) {
      if (done) {
        return;
      }
      done = true;
    }
    drain();
  }

  /** The source failed; queued items are still delivered first. */
  void fail(Throwable failure) {
    synchronized (lock) {
      if (done) {
        return;
      }
      done = true;
      error = failure;
    }
    drain();
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Items this buffer dropped. */
  long droppedCount() {
    return dropped.get();
  }

  /** Items waiting for demand. */
  int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      cancel();
      downstream.onError(new IllegalArgumentException("request must be > 0, got " + n));
      return;
    }
    requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
    drain();
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    synchronized (lock) {
      queue.clear();
    }
    onCancel.run();
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      long demand = requested.get();
      long emitted = 0;
      while (true) {
        if (cancelled || terminated) {
          return;
        }
        T item;
        boolean isDone;
        Throwable failure;
        synchronized (lock) {
          isDone = done;
          failure = error;
          item = emitted != demand ? queue.pollFirst() : null;
          if (item == null && isDone && !queue.isEmpty()) {
            isDone = false; // items are left but no demand: finish later
          }
        }
        if (item == null) {
          if (isDone) {
            terminated = true;
            if (failure != null) {
              downstream.onError(failure);
            } else {
              downstream.onComplete();
            }
            return;
          }
          break;
        }
        downstream.onNext(item);
        emitted++;
      }
      if (emitted != 0 && demand != Long.MAX_VALUE) {
        requested.addAndGet(-emitted);
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }
}
