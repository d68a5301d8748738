package dev.boocontrol.cockpit.query;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement under construction: text with {@code $n} placeholders and the values they stand for.
 * Values never enter the text; {@link #param} appends a value and returns its placeholder.
 */
final class Sql {

  private final StringBuilder text = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  Sql append(String part) {
    text.append(part);
    return this;
  }

  /**
   * Adds a value and returns its placeholder. Instants go as UTC timestamps, string lists as {@code
   * text[]}, durations as whole seconds.
   */
  String param(Object value) {
    Object bound = value;
    if (value instanceof Instant instant) {
      bound = instant.atOffset(ZoneOffset.UTC);
    } else if (value instanceof List<?> list) {
      bound = list.stream().map(String::valueOf).toArray(String[]::new);
    } else if (value instanceof Duration duration) {
      bound = duration.toSeconds();
    }
    params.add(bound);
    return "$" + params.size();
  }

  String text() {
    return text.toString();
  }

  List<Object> params() {
    return List.copyOf(params);
  }

  Tuple tuple() {
    return Tuple.from(params);
  }
}
