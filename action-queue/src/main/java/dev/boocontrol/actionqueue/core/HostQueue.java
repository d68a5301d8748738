package dev.boocontrol.actionqueue.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One host's FIFO: at most one action runs, the others wait in submission order. An action joins as
 * not yet recorded and is started only once {@link #recorded} says its row exists, so no state
 * change can overtake its first write. Not thread-safe: the caller holds the lock.
 *
 * @param <T> what is queued
 */
public final class HostQueue<T> {

  private final Map<String, Entry<T>> waiting = new LinkedHashMap<>();
  private Entry<T> running;

  /** Adds at the tail; its 1-based position, or empty when {@code maxWaiting} already wait. */
  public OptionalInt offer(String id, T item, int maxWaiting) {
    if (waiting.size() >= maxWaiting) {
      return OptionalInt.empty();
    }
    waiting.put(id, new Entry<>(id, item));
    return OptionalInt.of(waiting.size());
  }

  /** The row of {@code id} is written: it may start when its turn comes. */
  public void recorded(String id) {
    Entry<T> e = waiting.get(id);
    if (e != null) {
      e.recorded = true;
    }
  }

  /** Removes a waiting entry (cancel, or a failed first write); true if it was waiting. */
  public boolean remove(String id) {
    return waiting.remove(id) != null;
  }

  /** Takes the head to run, if nothing runs and the head is recorded. */
  public Optional<T> startNext() {
    if (running != null || waiting.isEmpty()) {
      return Optional.empty();
    }
    Iterator<Entry<T>> it = waiting.values().iterator();
    Entry<T> head = it.next();
    if (!head.recorded) {
      return Optional.empty();
    }
    it.remove();
    running = head;
    return Optional.of(head.item);
  }

  /** The running action ended. */
  public void finishRunning() {
    running = null;
  }

  public Optional<T> running() {
    return Optional.ofNullable(running).map(e -> e.item);
  }

  public int waitingCount() {
    return waiting.size();
  }

  /** Waiting items, head first (position = index + 1). */
  public List<T> waiting() {
    List<T> out = new ArrayList<>();
    waiting.values().forEach(e -> out.add(e.item));
    return out;
  }

  /** Replaces a waiting or running item (its new state), keeping its place. */
  public void update(String id, T item) {
    Entry<T> e = waiting.get(id);
    if (e != null) {
      e.item = item;
    } else if (running != null && running.id.equals(id)) {
      running.item = item;
    }
  }

  /** 1-based position of a waiting id, or empty. */
  public OptionalInt position(String id) {
    int i = 1;
    for (String key : waiting.keySet()) {
      if (key.equals(id)) {
        return OptionalInt.of(i);
      }
      i++;
    }
    return OptionalInt.empty();
  }

  private static final class Entry<T> {
    final String id;
    T item;
    boolean recorded;

    Entry(String id, T item) {
      this.id = id;
      this.item = item;
    }
  }
}
