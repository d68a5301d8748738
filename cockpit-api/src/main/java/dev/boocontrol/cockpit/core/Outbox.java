package dev.boocontrol.cockpit.core;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The frames waiting for one WebSocket client. A slow client must not grow the server's memory
 * without bound nor receive a stream with silent holes, so a full queue is thrown away whole and
 * the client is told to start over: after an overflow nothing is queued until the caller has sent a
 * resync frame and a fresh snapshot and calls {@link #resynced()}. Pure and deterministic; not
 * thread-safe (the caller serializes access).
 */
public final class Outbox {

  /** What happened to an offered frame. */
  public enum Offer {
    /** Queued. */
    ACCEPTED,
    /** The queue was full: it was cleared, this frame dropped; the client needs a resync. */
    OVERFLOWED,
    /** Dropped: an overflow happened and {@link #resynced()} was not called since. */
    DROPPED_UNTIL_RESYNC
  }

  private final int capacity;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean awaitingResync;

  /**
   * @param capacity frames queued at most before the client is considered lost
   */
  public Outbox(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  public Offer offer(Object frame) {
    Objects.requireNonNull(frame, "frame");
    if (awaitingResync) {
      return Offer.DROPPED_UNTIL_RESYNC;
    }
    if (queue.size() >= capacity) {
      queue.clear();
      awaitingResync = true;
      return Offer.OVERFLOWED;
    }
    queue.addLast(frame);
    return Offer.ACCEPTED;
  }

  /** The oldest queued frame, removed; null when the queue is empty. */
  public Object poll() {
    return queue.pollFirst();
  }

  /**
   * The client has been sent a resync frame and a fresh snapshot (or is about to be, through this
   * outbox): frames are queued again.
   */
  public void resynced() {
    awaitingResync = false;
  }

  /** Whether an overflow happened that {@link #resynced()} has not answered yet. */
  public boolean awaitingResync() {
    return awaitingResync;
  }

  public int size() {
    return queue.size();
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  public int capacity() {
    return capacity;
  }
}
