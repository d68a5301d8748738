package dev.boocontrol.cockpit.query;

import dev.boocontrol.cockpit.core.ActivityFilter;
import dev.boocontrol.cockpit.core.PageCursor;
import dev.boocontrol.cockpit.core.StatusFilter;

/**
 * The activity search statement: filters as positional parameters, keyset paging on {@code
 * (finished_at, host_id, epoch, activity_id)} descending, one row more than the page to know
 * whether another page follows.
 */
final class ActivitySql {

  static final String COLUMNS =
      """
      SELECT host_id, epoch, activity_id, finished_at, model, req_path, resp_status_code,
             input_tokens, output_tokens, cache_tokens, prompt_per_second, tokens_per_second,
             duration_ms, has_capture, error_msg, source, source_attribution
      FROM request_activity
      """;

  private ActivitySql() {}

  static Sql build(ActivityFilter filter) {
    Sql sql = new Sql().append(COLUMNS);
    sql.append("WHERE finished_at >= ")
        .append(sql.param(filter.range().from()))
        .append(" AND finished_at < ")
        .append(sql.param(filter.range().to()));
    if (!filter.hosts().isEmpty()) {
      sql.append(" AND host_id = ANY(").append(sql.param(filter.hosts())).append("::text[])");
    }
    if (!filter.models().isEmpty()) {
      sql.append(" AND model = ANY(").append(sql.param(filter.models())).append("::text[])");
    }
    if (!filter.sources().isEmpty()) {
      sql.append(" AND source = ANY(").append(sql.param(filter.sources())).append("::text[])");
    }
    StatusFilter status = filter.status();
    if (status != null) {
      switch (status.kind()) {
        case OK -> sql.append(" AND resp_status_code BETWEEN 200 AND 299");
        case ERROR -> sql.append(" AND resp_status_code NOT BETWEEN 200 AND 299");
        case CODE ->
            sql.append(" AND resp_status_code = ").append(sql.param(status.code())).append("::int");
      }
    }
    PageCursor before = filter.before();
    if (before != null) {
      sql.append(" AND (finished_at, host_id, epoch, activity_id) < (")
          .append(sql.param(before.finishedAt()))
          .append("::timestamptz, ")
          .append(sql.param(before.hostId()))
          .append("::text, ")
          .append(sql.param(before.epoch()))
          .append("::int, ")
          .append(sql.param(before.activityId()))
          .append("::bigint)");
    }
    sql.append("\nORDER BY finished_at DESC, host_id DESC, epoch DESC, activity_id DESC")
        .append("\nLIMIT ")
        .append(sql.param((long) filter.limit() + 1));
    return sql;
  }
}
