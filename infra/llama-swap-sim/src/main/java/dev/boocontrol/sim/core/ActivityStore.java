package dev.boocontrol.sim.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * llama-swap's in-memory activity store (spec 8.1-8.3, 8.5): ids start at 1 and are never reused;
 * after each insert rows with {@code id <= maxId - maxInMemory} are deleted ({@code maxInMemory <=
 * 0} keeps everything, as llama-swap's prune is then a no-op).
 */
public final class ActivityStore {

  /** Go's {@code time.RFC3339} layout as the parser accepts it (seconds required, any fraction). */
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private final int maxInMemory;
  private final Deque<ActivityRow> rows = new ArrayDeque<>();
  private long lastId;

  public ActivityStore(int maxInMemory) {
    this.maxInMemory = maxInMemory;
  }

  public synchronized ActivityRow add(ActivityDraft draft) {
    long id = ++lastId;
    ActivityRow row =
        ActivityRow.from(
            id,
            new ActivityDraft(
                draft.timestamp().truncatedTo(ChronoUnit.SECONDS),
                draft.model(),
                draft.reqPath(),
                draft.respContentType(),
                draft.respStatusCode(),
                draft.tokens(),
                draft.durationMs(),
                draft.hasCapture(),
                draft.errorMsg(),
                draft.metadata()));
    rows.addLast(row);
    if (maxInMemory > 0) {
      while (!rows.isEmpty() && rows.peekFirst().id() <= lastId - maxInMemory) {
        rows.removeFirst();
      }
    }
    return row;
  }

  /** The {@code metricsMaxInMemory} this store prunes with (fixed when the process started). */
  public int maxInMemory() {
    return maxInMemory;
  }

  /** The last id handed out, 0 before the first insert. */
  public synchronized long lastId() {
    return lastId;
  }

  /** Rows currently kept. */
  public synchronized int size() {
    return rows.size();
  }

  public synchronized Optional<ActivityRow> get(long id) {
    return rows.stream().filter(r -> r.id() == id).findFirst();
  }

  /**
   * Parses query parameters the way llama-swap's {@code parseActivityQuery} does: values are
   * trimmed, empty values count as absent, only the first value is read except for the repeatable
   * {@code model}; checks run in llama-swap's order so the first failing one names the error.
   */
  public static ActivityQuery parseQuery(Map<String, List<String>> params) {
    List<String> models = new ArrayList<>();
    for (String raw : params.getOrDefault("model", List.of())) {
      String model = raw == null ? "" : raw.trim();
      if (!model.isEmpty()) {
        models.add(model);
      }
    }
    Instant start = parseTime(first(params, "start"), "start");
    Instant end = parseTime(first(params, "end"), "end");
    if (start != null && end != null && start.isAfter(end)) {
      throw new ActivityQueryException("start must be before end");
    }
    Long minId = parseId(first(params, "min_id"), "min_id");
    Long maxId = parseId(first(params, "max_id"), "max_id");
    if (minId != null && maxId != null && minId > maxId) {
      throw new ActivityQueryException("min_id must be <= max_id");
    }
    int limit = ActivityQuery.DEFAULT_LIMIT;
    String rawLimit = first(params, "limit");
    if (!rawLimit.isEmpty()) {
      long parsed = parseGoInt(rawLimit, "invalid limit");
      if (parsed < 1 || parsed > 999) {
        throw new ActivityQueryException("limit must be between 1 and 999");
      }
      limit = (int) parsed;
    }
    int page = 1;
    String rawPage = first(params, "page");
    if (!rawPage.isEmpty()) {
      long parsed = parseGoInt(rawPage, "page must be >= 1");
      if (parsed < 1 || parsed > Integer.MAX_VALUE) {
        throw new ActivityQueryException("page must be >= 1");
      }
      page = (int) parsed;
    }
    String sort = first(params, "sort");
    if (!sort.isEmpty() && !ActivityQuery.SORT_COLUMNS.contains(sort)) {
      throw new ActivityQueryException("invalid sort column");
    }
    boolean ascending = false;
    String order = first(params, "order").toLowerCase(Locale.ROOT);
    if (!order.isEmpty()) {
      if (!order.equals("asc") && !order.equals("desc")) {
        throw new ActivityQueryException("order must be asc or desc");
      }
      ascending = order.equals("asc");
    }
    return new ActivityQuery(models, start, end, minId, maxId, sort, ascending, limit, page);
  }

  public synchronized ActivityPage query(ActivityQuery q) {
    Long startSec = q.start() == null ? null : q.start().getEpochSecond();
    Long endSec = q.end() == null ? null : q.end().getEpochSecond();
    List<ActivityRow> matching = new ArrayList<>();
    for (ActivityRow row : rows) {
      long ts = row.timestamp().getEpochSecond();
      if ((q.models().isEmpty() || q.models().contains(row.model()))
          && (startSec == null || ts >= startSec)
          && (endSec == null || ts <= endSec)
          && (q.minId() == null || row.id() >= q.minId())
          && (q.maxId() == null || row.id() <= q.maxId())) {
        matching.add(row);
      }
    }
    Comparator<ActivityRow> order = sortKey(q.sort()).thenComparingLong(ActivityRow::id);
    matching.sort(q.ascending() ? order : order.reversed());
    long total = matching.size();
    long offset = (long) (q.page() - 1) * q.limit();
    List<ActivityRow> data =
        offset >= total
            ? List.of()
            : matching.subList((int) offset, (int) Math.min(total, offset + q.limit()));
    long totalPages = total == 0 ? 0 : (total + q.limit() - 1) / q.limit();
    return new ActivityPage(data, q.page(), q.limit(), total, totalPages);
  }

  /** Aggregates over every stored row, or only one model's rows (blank means all). */
  public synchronized Stats stats(Optional<String> model) {
    String only = model.map(String::trim).filter(m -> !m.isEmpty()).orElse(null);
    long requests = 0;
    long input = 0;
    long output = 0;
    long cache = 0;
    List<ActivityRow> selected = new ArrayList<>();
    for (ActivityRow row : rows) {
      if (only != null && !only.equals(row.model())) {
        continue;
      }
      selected.add(row);
      requests++;
      input += row.tokens().inputTokens();
      output += row.tokens().outputTokens();
      if (row.tokens().cacheTokens() > 0) {
        cache += row.tokens().cacheTokens();
      }
    }
    return new Stats(
        requests,
        input,
        output,
        cache,
        histogram(selected, r -> r.tokens().promptPerSecond()),
        histogram(selected, r -> r.tokens().tokensPerSecond()));
  }

  /** Sturges bins clamped to 5..20, percentiles by linear interpolation, null when no value. */
  static Histogram histogram(List<ActivityRow> rows, ToDoubleFunction<ActivityRow> speed) {
    double[] values =
        rows.stream()
            .mapToDouble(speed)
            .filter(v -> v > 0 && !Double.isNaN(v) && !Double.isInfinite(v))
            .sorted()
            .toArray();
    if (values.length == 0) {
      return null;
    }
    double min = values[0];
    double max = values[values.length - 1];
    double p50 = percentile(values, 50);
    double p95 = percentile(values, 95);
    double p99 = percentile(values, 99);
    if (min == max) {
      return new Histogram(List.of(values.length), min, max, 0, p50, p95, p99);
    }
    int sturges = (int) Math.ceil(Math.log(values.length) / Math.log(2)) + 1;
    int binCount = Math.min(20, Math.max(5, sturges));
    double binSize = (max - min) / binCount;
    int[] bins = new int[binCount];
    for (double v : values) {
      bins[Math.min((int) Math.floor((v - min) / binSize), binCount - 1)]++;
    }
    List<Integer> binList = new ArrayList<>(binCount);
    for (int b : bins) {
      binList.add(b);
    }
    return new Histogram(binList, min, max, binSize, p50, p95, p99);
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double rank = p / 100 * (sorted.length - 1);
    int lower = (int) Math.floor(rank);
    int upper = (int) Math.ceil(rank);
    return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
  }

  private static Comparator<ActivityRow> sortKey(String sort) {
    return switch (sort) {
      case "time" -> Comparator.comparing(ActivityRow::timestamp);
      case "model" -> Comparator.comparing(ActivityRow::model);
      case "req_path" -> Comparator.comparing(ActivityRow::reqPath);
      case "resp_status_code" -> Comparator.comparingInt(ActivityRow::respStatusCode);
      case "resp_content_type" -> Comparator.comparing(ActivityRow::respContentType);
      case "cached" -> Comparator.comparingInt(r -> r.tokens().cacheTokens());
      case "prompt" -> Comparator.comparingInt(r -> r.tokens().inputTokens());
      case "generated" -> Comparator.comparingInt(r -> r.tokens().outputTokens());
      case "drafted" -> Comparator.comparingInt(r -> r.tokens().draftTokens());
      case "prompt_speed" -> Comparator.comparingDouble(r -> r.tokens().promptPerSecond());
      case "gen_speed" -> Comparator.comparingDouble(r -> r.tokens().tokensPerSecond());
      case "duration" -> Comparator.comparingLong(ActivityRow::durationMs);
      default -> Comparator.comparingLong(ActivityRow::id);
    };
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return "";
    }
    return values.get(0).trim();
  }

  private static Instant parseTime(String raw, String name) {
    if (raw.isEmpty()) {
      return null;
    }
    if (RFC3339.matcher(raw).matches()) {
      try {
        return OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException ignored) {
        // falls through to the 400
      }
    }
    throw new ActivityQueryException("invalid '" + name + "' timestamp, use RFC3339 format");
  }

  private static Long parseId(String raw, String name) {
    if (raw.isEmpty()) {
      return null;
    }
    long id = parseGoInt(raw, name + " must be >= 1");
    if (id < 1) {
      throw new ActivityQueryException(name + " must be >= 1");
    }
    return id;
  }

  /** Go's {@code strconv.Atoi}: optional sign, decimal digits only, 64-bit range. */
  private static long parseGoInt(String raw, String error) {
    if (!raw.matches("[+-]?\\d+")) {
      throw new ActivityQueryException(error);
    }
    try {
      return Long.parseLong(raw.startsWith("+") ? raw.substring(1) : raw);
    } catch (NumberFormatException e) {
      throw new ActivityQueryException(error);
    }
  }
}
