package dev.boocontrol.cockpit.core;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)} of a query, parsed from the {@code from} and {@code to}
 * parameters: ISO-8601 instants ({@code 2026-01-31T12:00:00Z} or with an offset). {@code to}
 * defaults to now, {@code from} to {@code to} minus a default span; {@code from} must be before
 * {@code to} and the range at most {@link #MAX_SPAN}.
 */
public record TimeRange(Instant from, Instant to) {

  /** The longest range any query accepts. */
  public static final Duration MAX_SPAN = Duration.ofDays(400);

  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  public Duration span() {
    return Duration.between(from, to);
  }

  /**
   * Parses {@code from}/{@code to}; blank or null values count as not given.
   *
   * @throws BadParameter naming {@code from} or {@code to}
   */
  public static TimeRange parse(String from, String to, Instant now, Duration defaultSpan) {
    // PostgreSQL keeps microseconds: a default 'to' is echoed back the way the rows compare
    Instant end = isBlank(to) ? now.truncatedTo(ChronoUnit.MICROS) : instant("to", to);
    Instant start = isBlank(from) ? end.minus(defaultSpan) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new BadParameter("from", "from must be before to");
    }
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw new BadParameter(
          "from", "the range from..to must be at most " + MAX_SPAN.toDays() + " days");
    }
    return new TimeRange(start, end);
  }

  /** Parses one instant parameter; the name is only for the error. */
  static Instant instant(String parameter, String value) {
    // An unencoded '+' of an offset arrives as a space; an instant never holds a space.
    String text = value.strip().replace(' ', '+');
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        throw new BadParameter(
            parameter, parameter + " must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
      }
    }
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
