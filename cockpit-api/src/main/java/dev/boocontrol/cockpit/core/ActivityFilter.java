package dev.boocontrol.cockpit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A validated activity search: which rows ({@code host}, {@code model}, {@code source} — each
 * repeatable — {@code status}, {@code from}..{@code to}) and which page ({@code limit} rows older
 * than the {@code before} cursor), newest first.
 *
 * @param status null when not filtered
 * @param before null for the first page
 */
public record ActivityFilter(
    List<String> hosts,
    List<String> models,
    List<String> sources,
    StatusFilter status,
    TimeRange range,
    int limit,
    PageCursor before) {

  public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  public ActivityFilter {
    hosts = List.copyOf(hosts);
    models = List.copyOf(models);
    sources = List.copyOf(sources);
  }

  /** The parameters as the request carried them (null or blank = not given). */
  public record Params(
      List<String> host,
      List<String> model,
      List<String> source,
      String status,
      String from,
      String to,
      String limit,
      String before) {}

  /**
   * Validates every parameter; the first failure names its parameter.
   *
   * @throws BadParameter naming the parameter at fault
   */
  public static ActivityFilter parse(Params params, Instant now) {
    return new ActivityFilter(
        QueryParams.hostIds("host", params.host()),
        QueryParams.texts("model", params.model()),
        QueryParams.texts("source", params.source()),
        StatusFilter.parse(params.status()),
        TimeRange.parse(params.from(), params.to(), now, DEFAULT_SPAN),
        limit(params.limit()),
        TimeRange.isBlank(params.before()) ? null : PageCursor.decode(params.before()));
  }

  static int limit(String value) {
    if (TimeRange.isBlank(value)) {
      return DEFAULT_LIMIT;
    }
    String text = value.strip();
    if (text.matches("[0-9]{1,4}")) {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    }
    throw new BadParameter("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
