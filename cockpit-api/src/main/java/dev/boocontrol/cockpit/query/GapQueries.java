package dev.boocontrol.cockpit.query;

import dev.boocontrol.cockpit.core.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Gap windows from {@code activity_gaps}, by detection time. */
@ApplicationScoped
public class GapQueries {

  /** The most windows one answer holds. */
  public static final int MAX_ROWS = 500;

  private final Pool pool;

  GapQueries(Pool pool) {
    this.pool = pool;
  }

  /** Windows of the given hosts (all when empty) detected in the range, newest first. */
  public Uni<GapList> gaps(TimeRange range, List<String> hosts) {
    Sql sql =
        new Sql()
            .append(
                "SELECT host_id, epoch, from_id, to_id, reason, detected_at FROM activity_gaps");
    sql.append("\nWHERE detected_at >= ")
        .append(sql.param(range.from()))
        .append(" AND detected_at < ")
        .append(sql.param(range.to()));
    if (!hosts.isEmpty()) {
      sql.append(" AND host_id = ANY(").append(sql.param(hosts)).append("::text[])");
    }
    sql.append("\nORDER BY detected_at DESC, host_id, epoch DESC, from_id DESC LIMIT ")
        .append(sql.param((long) MAX_ROWS + 1));
    return pool.preparedQuery(sql.text())
        .execute(sql.tuple())
        .map(
            rows -> {
              List<GapRow> out = new ArrayList<>();
              for (Row r : rows) {
                if (out.size() == MAX_ROWS) {
                  return new GapList(List.copyOf(out), true);
                }
                long fromId = r.getLong("from_id");
                long toId = r.getLong("to_id");
                out.add(
                    new GapRow(
                        r.getString("host_id"),
                        r.getInteger("epoch"),
                        fromId,
                        toId,
                        toId - fromId + 1,
                        r.getString("reason"),
                        r.getOffsetDateTime("detected_at").toInstant()));
              }
              return new GapList(List.copyOf(out), false);
            });
  }
}
