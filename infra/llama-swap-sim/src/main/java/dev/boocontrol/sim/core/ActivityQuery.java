package dev.boocontrol.sim.core;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code /api/metrics/activity} query (spec 8.2). Null bounds are unbounded; {@code
 * models} empty means every model.
 *
 * @param start inclusive, compared at whole seconds
 * @param end inclusive, compared at whole seconds
 * @param sort one of {@link #SORT_COLUMNS}
 */
public record ActivityQuery(
    List<String> models,
    Instant start,
    Instant end,
    Long minId,
    Long maxId,
    String sort,
    boolean ascending,
    int limit,
    int page) {

  public static final int DEFAULT_LIMIT = 25;

  public static final Set<String> SORT_COLUMNS =
      Set.of(
          "id",
          "time",
          "model",
          "req_path",
          "resp_status_code",
          "resp_content_type",
          "cached",
          "prompt",
          "generated",
          "drafted",
          "prompt_speed",
          "gen_speed",
          "duration");

  public ActivityQuery {
    models = models == null ? List.of() : List.copyOf(models);
    sort = sort == null || sort.isEmpty() ? "id" : sort;
    if (!SORT_COLUMNS.contains(sort)) {
      throw new IllegalArgumentException("invalid sort column: " + sort);
    }
    if (limit < 1 || page < 1) {
      throw new IllegalArgumentException("limit and page must be >= 1");
    }
  }

  /** No filter, newest first, 25 per page, page 1. */
  public static ActivityQuery defaults() {
    return new ActivityQuery(List.of(), null, null, null, null, "id", false, DEFAULT_LIMIT, 1);
  }

  /** Rows with {@code id >= minId} (newest-first cursor reads use {@code ascending = true}). */
  public static ActivityQuery since(long minId, boolean ascending, int limit) {
    return new ActivityQuery(List.of(), null, null, minId, null, "id", ascending, limit, 1);
  }
}
