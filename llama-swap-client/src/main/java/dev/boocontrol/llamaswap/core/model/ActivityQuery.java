package dev.boocontrol.llamaswap.core.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Filter, sort and paging of {@code GET /api/metrics/activity} (spec §8.2). Null fields are left to
 * the server's defaults (limit 25, page 1, sort id, order desc).
 *
 * @param models exact ids, OR-ed; empty means all
 * @param start inclusive, whole seconds
 * @param end inclusive, whole seconds
 * @param minId inclusive, ≥ 1
 * @param maxId inclusive, ≥ 1
 * @param limit 1–999
 * @param page ≥ 1
 */
public record ActivityQuery(
    List<String> models,
    Instant start,
    Instant end,
    Long minId,
    Long maxId,
    Integer limit,
    Integer page,
    Sort sort,
    Order order) {

  /** Largest page the server accepts. */
  public static final int MAX_LIMIT = 999;

  public ActivityQuery {
    models = Collections2.list(models);
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new IllegalArgumentException("limit must be between 1 and 999");
    }
    if (page != null && page < 1) {
      throw new IllegalArgumentException("page must be >= 1");
    }
    if (minId != null && minId < 1 || maxId != null && maxId < 1) {
      throw new IllegalArgumentException("min_id and max_id must be >= 1");
    }
    if (minId != null && maxId != null && minId > maxId) {
      throw new IllegalArgumentException("min_id must be <= max_id");
    }
  }

  /** No filter: the server's first page, newest first. */
  public static ActivityQuery all() {
    return builder().build();
  }

  /** Rows after {@code cursor}, oldest first, the largest page: the gap-fetch of spec §19.1. */
  public static ActivityQuery after(long cursor) {
    return builder()
        .minId(Math.max(cursor + 1, 1))
        .order(Order.ASC)
        .sort(Sort.ID)
        .limit(MAX_LIMIT)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Query parameters in a stable order; {@code model} repeats once per id. */
  public List<Map.Entry<String, String>> toQueryParameters() {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (String model : models) {
      params.add(new SimpleImmutableEntry<>("model", model));
    }
    add(params, "start", start == null ? null : start.truncatedTo(ChronoUnit.SECONDS));
    add(params, "end", end == null ? null : end.truncatedTo(ChronoUnit.SECONDS));
    add(params, "min_id", minId);
    add(params, "max_id", maxId);
    add(params, "limit", limit);
    add(params, "page", page);
    add(params, "sort", sort == null ? null : sort.wire());
    add(params, "order", order == null ? null : order.name().toLowerCase(Locale.ROOT));
    return params;
  }

  private static void add(List<Map.Entry<String, String>> params, String name, Object value) {
    if (value != null) {
      params.add(new SimpleImmutableEntry<>(name, value.toString()));
    }
  }

  /** Sort direction. */
  public enum Order {
    ASC,
    DESC
  }

  /** Sort column; ties are broken by id on the server. */
  public enum Sort {
    ID("id"),
    TIME("time"),
    MODEL("model"),
    REQ_PATH("req_path"),
    RESP_STATUS_CODE("resp_status_code"),
    RESP_CONTENT_TYPE("resp_content_type"),
    CACHED("cached"),
    PROMPT("prompt"),
    GENERATED("generated"),
    DRAFTED("drafted"),
    PROMPT_SPEED("prompt_speed"),
    GEN_SPEED("gen_speed"),
    DURATION("duration");

    private final String wire;

    Sort(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** Mutable builder; every field is optional. */
  public static final class Builder {
    private final List<String> models = new ArrayList<>();
    private Instant start;
    private Instant end;
    private Long minId;
    private Long maxId;
    private Integer limit;
    private Integer page;
    private Sort sort;
    private Order order;

    private Builder() {}

    public Builder model(String model) {
      models.add(model);
      return this;
    }

    public Builder models(List<String> ids) {
      models.addAll(ids);
      return this;
    }

    public Builder start(Instant value) {
      start = value;
      return this;
    }

    public Builder end(Instant value) {
      end = value;
      return this;
    }

    public Builder minId(long value) {
      minId = value;
      return this;
    }

    public Builder maxId(long value) {
      maxId = value;
      return this;
    }

    public Builder limit(int value) {
      limit = value;
      return this;
    }

    public Builder page(int value) {
      page = value;
      return this;
    }

    public Builder sort(Sort value) {
      sort = value;
      return this;
    }

    public Builder order(Order value) {
      order = value;
      return this;
    }

    public ActivityQuery build() {
      return new ActivityQuery(models, start, end, minId, maxId, limit, page, sort, order);
    }
  }
}
