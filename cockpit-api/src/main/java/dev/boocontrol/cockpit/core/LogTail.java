package dev.boocontrol.cockpit.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last lines of every host's proxy and upstream log, built from llama-swap's {@code logData}
 * writes. Writes are not line-aligned: the text after the last newline of a write is kept pending
 * and joined with the next write of the same source. Every completed line gets the host's next line
 * number (one counter per host, across both sources), so a client can tell new lines from ones it
 * holds. llama-swap's {@code — N bytes dropped —} notice (spec §7.3.2, §10) becomes a marker line.
 *
 * <p>A write flagged as history (the ring llama-swap replays when a connection opens) is kept only
 * while the source has no lines yet: after a reconnect the ring repeats lines already held. Not
 * thread-safe: the caller serializes access.
 */
public final class LogTail {

  /** Lines kept per host and source. */
  public static final int DEFAULT_CAPACITY = 2_000;

  /** A pending partial line longer than this is cut into a line of its own. */
  public static final int MAX_LINE_CHARS = 16 * 1024;

  public static final List<String> SOURCES = List.of("proxy", "upstream");

  private static final Pattern DROPPED = Pattern.compile("^\\s*— (\\d+) bytes dropped —\\s*$");

  /**
   * One complete log line.
   *
   * @param n the host's line number, from 1, growing by one per line of either source
   * @param dropped for a marker line, the number of bytes llama-swap dropped; else null
   */
  public record Line(long n, String source, String text, Long dropped) {}

  private final int capacity;
  private final Map<String, HostLog> hosts = new HashMap<>();

  public LogTail() {
    this(DEFAULT_CAPACITY);
  }

  public LogTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  public static boolean knownSource(String source) {
    return SOURCES.contains(source);
  }

  /**
   * Adds one write and returns the lines it completed, oldest first (empty when it only extended
   * the pending line, or when it is a history write for a source that already has lines).
   */
  public List<Line> append(String hostId, String source, String text, boolean history) {
    if (!knownSource(source)) {
      throw new IllegalArgumentException("unknown log source " + source);
    }
    HostLog host = hosts.computeIfAbsent(hostId, h -> new HostLog());
    SourceLog log = host.sources.computeIfAbsent(source, s -> new SourceLog());
    if (history && log.sawLive) {
      return List.of();
    }
    if (!history) {
      log.sawLive = true;
    }
    List<Line> done = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        log.pending.append(text, from, i);
        done.add(complete(host, log, source));
        from = i + 1;
      }
    }
    log.pending.append(text, from, text.length());
    while (log.pending.length() > MAX_LINE_CHARS) {
      String head = log.pending.substring(0, MAX_LINE_CHARS);
      log.pending.delete(0, MAX_LINE_CHARS);
      done.add(keep(host, log, source, head));
    }
    return done;
  }

  private Line complete(HostLog host, SourceLog log, String source) {
    String text = log.pending.toString();
    log.pending.setLength(0);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return keep(host, log, source, text);
  }

  private Line keep(HostLog host, SourceLog log, String source, String text) {
    Matcher dropped = DROPPED.matcher(text);
    Long bytes = null;
    if (dropped.matches()) {
      try {
        bytes = Long.valueOf(dropped.group(1));
      } catch (NumberFormatException tooBig) {
        bytes = Long.MAX_VALUE;
      }
    }
    Line line = new Line(++host.lastLine, source, text, bytes);
    log.lines.addLast(line);
    while (log.lines.size() > capacity) {
      log.lines.removeFirst();
    }
    return line;
  }

  /** The newest {@code limit} complete lines of one host and source, oldest first. */
  public List<Line> tail(String hostId, String source, int limit) {
    HostLog host = hosts.get(hostId);
    SourceLog log = host == null ? null : host.sources.get(source);
    if (log == null || limit <= 0) {
      return List.of();
    }
    List<Line> all = new ArrayList<>(log.lines);
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  /** The text after the last newline of one host and source, not yet a line. */
  public String pending(String hostId, String source) {
    HostLog host = hosts.get(hostId);
    SourceLog log = host == null ? null : host.sources.get(source);
    return log == null ? "" : log.pending.toString();
  }

  /** The host's last line number, empty before its first line. */
  public OptionalLong lastLine(String hostId) {
    HostLog host = hosts.get(hostId);
    return host == null || host.lastLine == 0
        ? OptionalLong.empty()
        : OptionalLong.of(host.lastLine);
  }

  private static final class HostLog {
    long lastLine;
    final Map<String, SourceLog> sources = new HashMap<>();
  }

  private static final class SourceLog {
    final Deque<Line> lines = new ArrayDeque<>();
    final StringBuilder pending = new StringBuilder();
    boolean sawLive;
  }
}
