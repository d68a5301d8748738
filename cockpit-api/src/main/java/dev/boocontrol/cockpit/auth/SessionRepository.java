package dev.boocontrol.cockpit.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Operator sessions in PostgreSQL, by token hash (shared by every cockpit-api replica). */
@ApplicationScoped
public class SessionRepository {

  private final Pool pool;

  SessionRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> create(String tokenHash, String operator, Instant expiresAt) {
    return pool.preparedQuery(
            "INSERT INTO operator_sessions (token_hash, operator, expires_at) VALUES ($1, $2, $3)")
        .execute(Tuple.of(tokenHash, operator, expiresAt.atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** The operator of a live session; empty when unknown or expired. */
  public Uni<Optional<String>> operatorOf(String tokenHash) {
    return pool.preparedQuery(
            "SELECT operator FROM operator_sessions WHERE token_hash = $1 AND expires_at > now()")
        .execute(Tuple.of(tokenHash))
        .map(
            rows -> {
              var it = rows.iterator();
              return it.hasNext() ? Optional.of(it.next().getString(0)) : Optional.empty();
            });
  }

  public Uni<Void> delete(String tokenHash) {
    return pool.preparedQuery("DELETE FROM operator_sessions WHERE token_hash = $1")
        .execute(Tuple.of(tokenHash))
        .replaceWithVoid();
  }

  /** Housekeeping: expired sessions go. */
  public Uni<Integer> deleteExpired() {
    return pool.preparedQuery("DELETE FROM operator_sessions WHERE expires_at <= now()")
        .execute()
        .map(rows -> rows.rowCount());
  }
}
