package dev.boocontrol.sim.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} and {@code Duration.String} ("5s", "1m30s", "250ms"). */
public final class GoDuration {

  private static final Pattern PART =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

  private GoDuration() {}

  /**
   * @throws IllegalArgumentException when the text is not a Go duration
   */
  public static Duration parse(String text) {
    String s = text.trim();
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int pos = 0;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException("invalid duration \"" + text + "\"");
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unitNanos(m.group(2))));
      pos = m.end();
    }
    long whole = nanos.longValue();
    return Duration.ofNanos(negative ? -whole : whole);
  }

  /** Go's {@code Duration.String()}: "2m0s", "5s", "1.5s", "250ms", "187.204µs". */
  public static String format(Duration d) {
    return format(d.toNanos());
  }

  /** Go's {@code Duration.String()} of a nanosecond count. */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long abs = Math.abs(nanos);
    if (abs < 1_000_000_000L) {
      if (abs < 1_000L) {
        return sign + abs + "ns";
      }
      if (abs < 1_000_000L) {
        return sign + fraction(abs, 1_000L) + "\u00b5s";
      }
      return sign + fraction(abs, 1_000_000L) + "ms";
    }
    long hours = abs / 3_600_000_000_000L;
    long minutes = abs / 60_000_000_000L % 60;
    long secNanos = abs % 60_000_000_000L;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(fraction(secNanos, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    return new BigDecimal(value).divide(new BigDecimal(unit)).stripTrailingZeros().toPlainString();
  }

  private static BigDecimal unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> BigDecimal.ONE;
      case "us", "\u00b5s", "\u03bcs" -> BigDecimal.valueOf(1_000L);
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> BigDecimal.valueOf(1_000_000_000L);
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      default -> BigDecimal.valueOf(3_600_000_000_000L);
    };
  }
}
