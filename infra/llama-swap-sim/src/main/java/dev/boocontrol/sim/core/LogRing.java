package dev.boocontrol.sim.core;

import java.nio.charset.StandardCharsets;

/**
 * A fixed-size byte ring like llama-swap's log buffers (spec section 10): the newest {@code
 * capacity} bytes are kept, so a snapshot may start mid-line or even mid-character; invalid UTF-8
 * decodes as U+FFFD.
 */
public final class LogRing {

  public static final int DEFAULT_CAPACITY = 100 * 1024;

  private final byte[] buffer;
  private int start;
  private int size;
  private long totalWritten;

  public LogRing() {
    this(DEFAULT_CAPACITY);
  }

  public LogRing(int capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.buffer = new byte[capacityBytes];
  }

  public synchronized void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  public synchronized void write(byte[] bytes) {
    totalWritten += bytes.length;
    int capacity = buffer.length;
    if (bytes.length >= capacity) {
      System.arraycopy(bytes, bytes.length - capacity, buffer, 0, capacity);
      start = 0;
      size = capacity;
      return;
    }
    int end = (start + size) % capacity;
    int firstPart = Math.min(bytes.length, capacity - end);
    System.arraycopy(bytes, 0, buffer, end, firstPart);
    System.arraycopy(bytes, firstPart, buffer, 0, bytes.length - firstPart);
    int overflow = size + bytes.length - capacity;
    if (overflow > 0) {
      start = (start + overflow) % capacity;
      size = capacity;
    } else {
      size += bytes.length;
    }
  }

  public synchronized String snapshot() {
    return new String(snapshotBytes(), StandardCharsets.UTF_8);
  }

  public synchronized byte[] snapshotBytes() {
    byte[] out = new byte[size];
    int firstPart = Math.min(size, buffer.length - start);
    System.arraycopy(buffer, start, out, 0, firstPart);
    System.arraycopy(buffer, 0, out, firstPart, size - firstPart);
    return out;
  }

  public synchronized void clear() {
    start = 0;
    size = 0;
  }

  /** Bytes currently held. */
  public synchronized int size() {
    return size;
  }

  public int capacity() {
    return buffer.length;
  }

  /** Bytes ever written (not reset by {@link #clear()}). */
  public synchronized long totalWritten() {
    return totalWritten;
  }
}
