package dev.boocontrol.cockpit.query;

import dev.boocontrol.cockpit.core.ActivityFilter;
import dev.boocontrol.cockpit.core.PageCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The activity search over {@code request_activity}. */
@ApplicationScoped
public class ActivityQueries {

  private final Pool pool;

  ActivityQueries(Pool pool) {
    this.pool = pool;
  }

  public Uni<ActivityPage> search(ActivityFilter filter) {
    Sql sql = ActivitySql.build(filter);
    return pool.preparedQuery(sql.text())
        .execute(sql.tuple())
        .map(
            rows -> {
              List<ActivityRow> page = new ArrayList<>();
              boolean more = false;
              for (Row r : rows) {
                if (page.size() == filter.limit()) {
                  more = true;
                  break;
                }
                page.add(row(r));
              }
              String next = null;
              if (more) {
                ActivityRow last = page.get(page.size() - 1);
                next =
                    new PageCursor(
                            last.finishedAt(), last.hostId(), last.epoch(), last.activityId())
                        .encode();
              }
              return new ActivityPage(List.copyOf(page), next);
            });
  }

  private static ActivityRow row(Row r) {
    return new ActivityRow(
        r.getString("host_id"),
        r.getInteger("epoch"),
        r.getLong("activity_id"),
        r.getOffsetDateTime("finished_at").toInstant(),
        r.getString("model"),
        r.getString("req_path"),
        r.getInteger("resp_status_code"),
        r.getInteger("input_tokens"),
        r.getInteger("output_tokens"),
        r.getInteger("cache_tokens"),
        r.getDouble("prompt_per_second"),
        r.getDouble("tokens_per_second"),
        r.getLong("duration_ms"),
        r.getBoolean("has_capture"),
        r.getString("error_msg"),
        r.getString("source"),
        r.getString("source_attribution"));
  }
}
