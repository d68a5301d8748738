package dev.boocontrol.actionqueue.repository;

import dev.boocontrol.actionqueue.core.Action;
import dev.boocontrol.actionqueue.core.ActionKind;
import dev.boocontrol.actionqueue.core.ActionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code control_actions} table: every action, who asked, when, and how it ended. */
@ApplicationScoped
public class ActionRepository {

  private static final String COLUMNS =
      "id, host_id, kind, model, requested_by, requested_at, started_at, finished_at, state,"
          + " reason, duration_ms, takeover_confirmed";

  private static final String INSERT =
      "INSERT INTO control_actions (id, host_id, kind, model, requested_by, requested_at, state,"
          + " takeover_confirmed, owner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

  // Only an open action changes: a final state is never overwritten.
  private static final String UPDATE =
      "UPDATE control_actions SET state = $2, started_at = $3, finished_at = $4, reason = $5,"
          + " duration_ms = $6 WHERE id = $1 AND state IN ('queued', 'running')";

  private static final String BY_ID = "SELECT " + COLUMNS + " FROM control_actions WHERE id = $1";

  private static final String FINISHED_FOR_HOST =
      "SELECT "
          + COLUMNS
          + " FROM control_actions WHERE host_id = $1"
          + " AND state NOT IN ('queued', 'running') ORDER BY requested_at DESC, id LIMIT $2";

  private static final String ABANDON =
      "UPDATE control_actions SET state = 'failed', finished_at = now(),"
          + " reason = 'action-queue restarted before the action ended'"
          + " WHERE owner = $1 AND state IN ('queued', 'running')";

  private final Pool pool;

  ActionRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> insert(Action a, String owner) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.tuple()
                .addUUID(UUID.fromString(a.id()))
                .addString(a.hostId())
                .addString(a.kind().wireName())
                .addString(a.model())
                .addString(a.requestedBy())
                .addOffsetDateTime(at(a.queuedAt()))
                .addString(a.state().wireName())
                .addBoolean(a.takeoverConfirmed())
                .addString(owner))
        .replaceWithVoid();
  }

  /** Writes the action's new state; false when the row was already final. */
  public Uni<Boolean> update(Action a) {
    return pool.preparedQuery(UPDATE)
        .execute(
            Tuple.tuple()
                .addUUID(UUID.fromString(a.id()))
                .addString(a.state().wireName())
                .addOffsetDateTime(at(a.startedAt()))
                .addOffsetDateTime(at(a.finishedAt()))
                .addString(a.reason())
                .addLong(a.durationMs()))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<Optional<Action>> find(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(Optional.empty());
    }
    return pool.preparedQuery(BY_ID)
        .execute(Tuple.of(uuid))
        .map(rows -> all(rows).stream().findFirst());
  }

  /** The newest finished actions of a host, newest first. */
  public Uni<List<Action>> finished(String hostId, int limit) {
    return pool.preparedQuery(FINISHED_FOR_HOST)
        .execute(Tuple.of(hostId, limit))
        .map(ActionRepository::all);
  }

  /**
   * Marks as failed the actions a previous run of this replica left open (its in-memory queue died
   * with it); how many.
   */
  public Uni<Integer> abandonOpen(String owner) {
    return pool.preparedQuery(ABANDON).execute(Tuple.of(owner)).map(RowSet::rowCount);
  }

  private static List<Action> all(RowSet<Row> rows) {
    List<Action> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new Action(
              r.getUUID("id").toString(),
              r.getString("host_id"),
              ActionKind.fromWireName(r.getString("kind")).orElseThrow(),
              r.getString("model"),
              r.getString("requested_by"),
              r.getBoolean("takeover_confirmed"),
              ActionState.fromWireName(r.getString("state")).orElseThrow(),
              r.getString("reason"),
              instant(r.getOffsetDateTime("requested_at")),
              instant(r.getOffsetDateTime("started_at")),
              instant(r.getOffsetDateTime("finished_at")),
              r.getLong("duration_ms")));
    }
    return out;
  }

  private static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
