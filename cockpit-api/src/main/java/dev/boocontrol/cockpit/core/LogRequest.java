package dev.boocontrol.cockpit.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters of a log tail read: which sources (proxy, upstream, or both when none is named)
 * and how many of the newest lines of each.
 */
public record LogRequest(List<String> sources, int limit) {

  public static final int DEFAULT_LIMIT = 500;

  /** Model ids the stream endpoint passes on to a host: llama-swap's ids, no path tricks. */
  private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");

  public static LogRequest parse(String source, String limit) {
    List<String> sources;
    if (source == null || source.isBlank()) {
      sources = LogTail.SOURCES;
    } else if (LogTail.knownSource(source.strip())) {
      sources = List.of(source.strip());
    } else {
      throw new BadParameter("source", "source must be one of " + LogTail.SOURCES);
    }
    return new LogRequest(sources, limit(limit));
  }

  static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    String message = "limit must be a whole number from 1 to " + LogTail.DEFAULT_CAPACITY;
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= LogTail.DEFAULT_CAPACITY) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // same answer as out of range
    }
    throw new BadParameter("limit", message);
  }

  /** A model id to stream the log of; refused when it could not be one of llama-swap's. */
  public static String modelId(String value) {
    if (value == null || !MODEL_ID.matcher(value).matches() || value.contains("..")) {
      throw new BadParameter("model", "model must be a model id of the host");
    }
    return value;
  }
}
