package dev.boocontrol.llamaswap.core.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4) that llama-swap's {@code /metrics}
 * writes. Values may be Go {@code %g} floats such as {@code 1.385168896e+09}, or {@code +Inf},
 * {@code -Inf} and {@code NaN}. Lines that cannot be read are skipped and counted; parsing never
 * throws.
 */
public final class PrometheusTextParser {

  private PrometheusTextParser() {}

  /** The samples of one scrape, and how many lines were skipped as unreadable. */
  public record Result(List<PrometheusSample> samples, int skippedLines) {
    public Result {
      samples = List.copyOf(samples);
    }

    /** All samples of one metric name. */
    public List<PrometheusSample> named(String name) {
      return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
  }

  /** Parses a whole scrape. */
  public static Result parse(String text) {
    Map<String, String> types = new HashMap<>();
    List<PrometheusSample> samples = new ArrayList<>();
    int skipped = 0;
    for (String raw : text.split("\r?\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        readTypeLine(line, types);
        continue;
      }
      PrometheusSample sample = parseSample(line, types);
      if (sample == null) {
        skipped++;
      } else {
        samples.add(sample);
      }
    }
    return new Result(samples, skipped);
  }

  private static void readTypeLine(String line, Map<String, String> types) {
    String[] parts = line.substring(1).strip().split("\\s+");
    if (parts.length >= 3 && parts[0].equals("TYPE")) {
      types.put(parts[1], parts[2]);
    }
  }

  private static PrometheusSample parseSample(String line, Map<String, String> types) {
    int i = 0;
    while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = parseLabels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      return null;
    }
    Double value = parseValue(rest[0]);
    if (value == null) {
      return null;
    }
    return new PrometheusSample(name, labels, value, typeOf(name, types));
  }

  /** Returns the index after the closing brace, or -1 when the label set is broken. */
  private static int parseLabels(String line, int start, Map<String, String> labels) {
    int i = start;
    while (true) {
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
        i++;
      }
      if (i >= line.length()) {
        return -1;
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      boolean closed = false;
      while (j < line.length()) {
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char next = line.charAt(j + 1);
          value.append(next == 'n' ? '\n' : next);
          j += 2;
        } else if (c == '"') {
          closed = true;
          j++;
          break;
        } else {
          value.append(c);
          j++;
        }
      }
      if (!closed) {
        return -1;
      }
      labels.put(key, value.toString());
      i = j;
    }
  }

  private static Double parseValue(String token) {
    switch (token) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        // Double.parseDouble also takes Java-only forms ("1d", "0x1p3"); refuse them.
        if (!token.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
          return null;
        }
        return Double.parseDouble(token);
      }
    }
  }

  private static String typeOf(String name, Map<String, String> types) {
    String type = types.get(name);
    if (type != null) {
      return type;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = types.get(name.substring(0, name.length() - suffix.length()));
        if (base != null) {
          return base;
        }
      }
    }
    return "untyped";
  }

  private static boolean isNameChar(char c, boolean first) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c == '_'
        || c == ':'
        || !first && c >= '0' && c <= '9';
  }
}
