package dev.boocontrol.platform.lease;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Named locks with an expiry for jobs that must run once across replicas ({@code @Scheduled}-style
 * work is per instance). One conditional statement decides, so two replicas never both win; a
 * crashed holder's lock simply expires.
 */
@ApplicationScoped
public class JobLocks {

  private static final String ACQUIRE =
      """
      INSERT INTO job_locks (name, holder, expires_at)
      VALUES ($1, $2, now() + make_interval(secs => $3))
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE job_locks.expires_at < now() OR job_locks.holder = EXCLUDED.holder
      RETURNING name
      """;

  private static final String RELEASE = "DELETE FROM job_locks WHERE name = $1 AND holder = $2";

  private final Pool pool;

  JobLocks(Pool pool) {
    this.pool = pool;
  }

  /** True when this holder now has the lock for {@code ttl}. */
  public Uni<Boolean> tryAcquire(String name, String holder, Duration ttl) {
    return pool.preparedQuery(ACQUIRE)
        .execute(Tuple.of(name, holder, ttl.toMillis() / 1000.0))
        .map(rows -> rows.size() == 1);
  }

  public Uni<Void> release(String name, String holder) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(name, holder)).replaceWithVoid();
  }
}
