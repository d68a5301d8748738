package dev.boocontrol.sim.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * llama-swap's byte-capped FIFO of captures (spec 8.6): when full the oldest are evicted; a capture
 * bigger than the whole cache is not stored; capacity 0 disables captures. llama-swap charges the
 * compressed size; the simulator charges raw bytes ({@link Capture#sizeBytes()}).
 */
public final class CaptureCache {

  public static final String REDACTED = "[REDACTED]";

  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  private final long capacityBytes;
  private final LinkedHashMap<Long, Capture> entries = new LinkedHashMap<>();
  private long usedBytes;

  public CaptureCache(long capacityBytes) {
    this.capacityBytes = Math.max(0, capacityBytes);
  }

  /** {@code captureBuffer} is in MB (1 MB = 1024 * 1024 bytes here, as in llama-swap). */
  public static CaptureCache ofMegabytes(int megabytes) {
    return new CaptureCache((long) Math.max(0, megabytes) * 1024 * 1024);
  }

  public synchronized void put(Capture capture) {
    long size = capture.sizeBytes();
    if (capacityBytes == 0 || size > capacityBytes) {
      return;
    }
    Capture previous = entries.remove(capture.id());
    if (previous != null) {
      usedBytes -= previous.sizeBytes();
    }
    Iterator<Capture> oldest = entries.values().iterator();
    while (usedBytes + size > capacityBytes && oldest.hasNext()) {
      usedBytes -= oldest.next().sizeBytes();
      oldest.remove();
    }
    entries.put(capture.id(), capture);
    usedBytes += size;
  }

  public synchronized Optional<Capture> get(long id) {
    return Optional.ofNullable(entries.get(id));
  }

  public synchronized boolean contains(long id) {
    return entries.containsKey(id);
  }

  public synchronized void clear() {
    entries.clear();
    usedBytes = 0;
  }

  public synchronized long usedBytes() {
    return usedBytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  /**
   * First value per header, names in Go's canonical form ({@code content-type} becomes {@code
   * Content-Type}), credentials replaced by {@code [REDACTED]}; sorted like a Go map.
   */
  public static Map<String, String> redactHeaders(Map<String, String> headers) {
    return redactHeaderEntries(headers.entrySet());
  }

  /** Same as {@link #redactHeaders(Map)} for multi-valued header lists (first value wins). */
  public static Map<String, String> redactHeaderEntries(
      Iterable<? extends Map.Entry<String, String>> headers) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> header : headers) {
      String name = canonicalHeaderKey(header.getKey());
      if (out.containsKey(name)) {
        continue;
      }
      boolean secret = SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
      out.put(name, secret ? REDACTED : header.getValue());
    }
    return out;
  }

  /**
   * Go's {@code textproto.CanonicalMIMEHeaderKey}: upper-case the first letter and every letter
   * after a hyphen, lower-case the rest; keys with bytes outside the token set stay unchanged.
   */
  public static String canonicalHeaderKey(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (!isTokenChar(key.charAt(i))) {
        return key;
      }
    }
    StringBuilder out = new StringBuilder(key.length());
    boolean upper = true;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (upper && c >= 'a' && c <= 'z') {
        c = (char) (c - ('a' - 'A'));
      } else if (!upper && c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      out.append(c);
      upper = c == '-';
    }
    return out.toString();
  }

  private static boolean isTokenChar(char c) {
    if (c >= 0x7f || c <= ' ') {
      return false;
    }
    return "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
