package dev.boocontrol.actionqueue.repository;

import dev.boocontrol.actionqueue.core.Courtesy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code host_access_holds} table: holders (a bench run, later) that must not be disturbed. A
 * hold is one conditional upsert, so two holders never both take a free host by check-then-act.
 */
@ApplicationScoped
public class HoldRepository {

  private static final String ACTIVE =
      "SELECT holder, purpose, acquired_at, expires_at FROM host_access_holds"
          + " WHERE host_id = $1 AND expires_at > now() ORDER BY acquired_at";

  private static final String HOLD =
      """
      INSERT INTO host_access_holds (host_id, holder, purpose, acquired_at, expires_at)
      VALUES ($1, $2, $3, now(), now() + make_interval(secs => $4))
      ON CONFLICT (host_id, holder) DO UPDATE SET
        purpose = EXCLUDED.purpose, expires_at = EXCLUDED.expires_at
      """;

  private static final String RELEASE =
      "DELETE FROM host_access_holds WHERE host_id = $1 AND holder = $2";

  private final Pool pool;

  HoldRepository(Pool pool) {
    this.pool = pool;
  }

  /** Unexpired holds on a host. */
  public Uni<List<Courtesy.Hold>> active(String hostId) {
    return pool.preparedQuery(ACTIVE)
        .execute(Tuple.of(hostId))
        .map(
            rows -> {
              List<Courtesy.Hold> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new Courtesy.Hold(
                        r.getString("holder"),
                        r.getString("purpose"),
                        r.getOffsetDateTime("acquired_at").toInstant(),
                        r.getOffsetDateTime("expires_at").toInstant()));
              }
              return out;
            });
  }

  /** Takes or renews a hold for {@code seconds}. */
  public Uni<Void> hold(String hostId, String holder, String purpose, double seconds) {
    return pool.preparedQuery(HOLD)
        .execute(Tuple.of(hostId, holder, purpose, seconds))
        .replaceWithVoid();
  }

  public Uni<Void> release(String hostId, String holder) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(hostId, holder)).replaceWithVoid();
  }
}
