package dev.boocontrol.llamaswap.core.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events parser (WHATWG "event stream interpretation") fed raw bytes in
 * chunks of any size and any split: mid-line, mid-CRLF and mid-UTF-8 sequence.
 *
 * <p>Lines are collected as bytes and decoded only once complete, so a multi-byte character split
 * across chunks is never damaged. A line longer than {@code maxLineBytes} is skipped up to its end
 * and counted; the event it belonged to is discarded (its data would be incomplete) and parsing
 * resumes at the next line. The parser never throws on bad input: invalid UTF-8 becomes U+FFFD.
 *
 * <p>Not thread-safe: feed it from one thread at a time (a Vert.x event loop).
 */
public final class SseParser {

  /** Default line cap: llama-swap's first logData line can be several MiB (spec §7.1). */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final int SHRINK_ABOVE_BYTES = 1024 * 1024;

  private final int maxLineBytes;
  private final Consumer<SseEvent> sink;

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean skippingOversizeLine;
  private boolean lastByteWasCr;
  private boolean atStreamStart = true;

  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String eventName = "";
  private String lastEventId = "";
  private boolean eventPoisoned;

  private long oversizeLinesDropped;
  private long eventsDiscarded;
  private long eventsDispatched;

  public SseParser(Consumer<SseEvent> sink) {
    this(DEFAULT_MAX_LINE_BYTES, sink);
  }

  public SseParser(int maxLineBytes, Consumer<SseEvent> sink) {
    if (maxLineBytes < 16) {
      throw new IllegalArgumentException("maxLineBytes too small: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  /** Feeds a whole array. */
  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /** Feeds the remaining bytes of a buffer, consuming them. */
  public void feed(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      buffer.position(buffer.limit());
    } else {
      byte[] copy = new byte[buffer.remaining()];
      buffer.get(copy);
      feed(copy);
    }
  }

  /** Feeds {@code length} bytes starting at {@code offset}. */
  public void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (lastByteWasCr) {
        lastByteWasCr = false;
        // The LF of a CRLF pair whose CR ended the previous line.
        if (bytes[i] == LF) {
          i++;
          continue;
        }
      }
      int lineEnd = indexOfLineBreak(bytes, i, end);
      if (lineEnd < 0) {
        append(bytes, i, end - i);
        return;
      }
      append(bytes, i, lineEnd - i);
      lastByteWasCr = bytes[lineEnd] == CR;
      completeLine();
      i = lineEnd + 1;
    }
  }

  /**
   * Ends the stream. A trailing event without its blank line is discarded, as the SSE spec says;
   * the parser can then be reused for a new stream.
   */
  public void finish() {
    if (lineLength > 0 && !skippingOversizeLine) {
      completeLine();
    }
    lineLength = 0;
    skippingOversizeLine = false;
    lastByteWasCr = false;
    atStreamStart = true;
    resetEvent();
    eventName = "";
  }

  /** Lines longer than the cap that were skipped so far. */
  public long oversizeLinesDropped() {
    return oversizeLinesDropped;
  }

  /** Events thrown away because one of their lines was too long. */
  public long eventsDiscarded() {
    return eventsDiscarded;
  }

  /** Events handed to the sink so far. */
  public long eventsDispatched() {
    return eventsDispatched;
  }

  public int maxLineBytes() {
    return maxLineBytes;
  }

  private static int indexOfLineBreak(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b == LF || b == CR) {
        return i;
      }
    }
    return -1;
  }

  private void append(byte[] bytes, int offset, int length) {
    if (length == 0 || skippingOversizeLine) {
      return;
    }
    if ((long) lineLength + length > maxLineBytes) {
      skippingOversizeLine = true;
      lineLength = 0;
      // Give the memory back: the line that grew the buffer is being thrown away.
      line = new byte[256];
      return;
    }
    if (lineLength + length > line.length) {
      int grown =
          Math.max(lineLength + length, (int) Math.min((long) line.length * 2, maxLineBytes));
      line = Arrays.copyOf(line, grown);
    }
    System.arraycopy(bytes, offset, line, lineLength, length);
    lineLength += length;
  }

  private void completeLine() {
    if (skippingOversizeLine) {
      skippingOversizeLine = false;
      oversizeLinesDropped++;
      eventPoisoned = true;
      lineLength = 0;
      atStreamStart = false;
      return;
    }
    int start = 0;
    if (atStreamStart) {
      atStreamStart = false;
      // A UTF-8 byte order mark at the very start of the stream is not part of the first line.
      if (lineLength >= 3
          && (line[0] & 0xFF) == 0xEF
          && (line[1] & 0xFF) == 0xBB
          && (line[2] & 0xFF) == 0xBF) {
        start = 3;
      }
    }
    int length = lineLength - start;
    lineLength = 0;
    if (length == 0) {
      dispatch();
      return;
    }
    if (line[start] == ':') {
      return; // comment
    }
    int colon = -1;
    for (int i = start; i < start + length; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    String field;
    String value;
    if (colon < 0) {
      field = new String(line, start, length, StandardCharsets.UTF_8);
      value = "";
    } else {
      field = new String(line, start, colon - start, StandardCharsets.UTF_8);
      int valueStart = colon + 1;
      if (valueStart < start + length && line[valueStart] == ' ') {
        valueStart++;
      }
      value = new String(line, valueStart, start + length - valueStart, StandardCharsets.UTF_8);
    }
    if (line.length > SHRINK_ABOVE_BYTES) {
      line = new byte[256]; // one huge line should not pin megabytes for the stream's lifetime
    }
    processField(field, value);
  }

  private void processField(String field, String value) {
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
        if (data.length() > maxLineBytes) {
          // Many lines adding up past the cap: same treatment as one oversize line.
          eventPoisoned = true;
          data.setLength(0);
        }
      }
      case "event" -> eventName = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      default -> {
        // "retry" and unknown fields carry nothing this client needs.
      }
    }
  }

  private void dispatch() {
    if (eventPoisoned) {
      eventsDiscarded++;
      resetEvent();
      return;
    }
    if (!hasData) {
      resetEvent();
      return;
    }
    SseEvent event = new SseEvent(eventName, data.toString(), lastEventId);
    resetEvent();
    eventsDispatched++;
    sink.accept(event);
  }

  private void resetEvent() {
    data.setLength(0);
    if (data.capacity() > 64 * 1024) {
      data.trimToSize();
    }
    hasData = false;
    eventName = "";
    eventPoisoned = false;
  }
}
