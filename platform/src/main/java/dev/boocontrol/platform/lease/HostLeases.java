package dev.boocontrol.platform.lease;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Lease rows of {@code host_leases}: one owner per host for each host-facing loop (ARCHITECTURE
 * rule 3). Every change is one conditional statement, so two replicas can never both win a host.
 */
@ApplicationScoped
public class HostLeases {

  /** Takes the lease when it is free, expired, or already ours. */
  private static final String CLAIM =
      """
      INSERT INTO host_leases (host_id, role, holder, acquired_at, heartbeat_at, expires_at)
      VALUES ($1, $2, $3, now(), now(), now() + make_interval(secs => $4))
      ON CONFLICT (host_id, role) DO UPDATE SET
        holder = EXCLUDED.holder,
        acquired_at = CASE WHEN host_leases.holder = EXCLUDED.holder
                           THEN host_leases.acquired_at ELSE now() END,
        heartbeat_at = now(),
        expires_at = EXCLUDED.expires_at
      WHERE host_leases.holder = EXCLUDED.holder OR host_leases.expires_at < now()
      RETURNING host_id
      """;

  private static final String RELEASE =
      "DELETE FROM host_leases WHERE role = $1 AND holder = $2 AND host_id = ANY($3)";

  private final Pool pool;

  HostLeases(Pool pool) {
    this.pool = pool;
  }

  /**
   * Claims or renews the lease on each host; returns the hosts this holder owns afterwards. A host
   * held by another live replica is not returned.
   */
  public Uni<Set<String>> claimOrRenew(
      Set<String> hostIds, LeaseRole role, String holder, Duration ttl) {
    if (hostIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    double seconds = ttl.toMillis() / 1000.0;
    return pool.withTransaction(
        conn -> {
          Set<String> owned = new HashSet<>();
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (String host : hostIds) {
            chain =
                chain.chain(
                    () ->
                        conn.preparedQuery(CLAIM)
                            .execute(Tuple.of(host, role.wireName(), holder, seconds))
                            .invoke(
                                rows -> {
                                  for (Row r : rows) {
                                    owned.add(r.getString("host_id"));
                                  }
                                })
                            .replaceWithVoid());
          }
          return chain.replaceWith(owned);
        });
  }

  /** Gives hosts back at once (clean shutdown), so another replica need not wait for expiry. */
  public Uni<Void> release(Set<String> hostIds, LeaseRole role, String holder) {
    if (hostIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(RELEASE)
        .execute(
            Tuple.tuple()
                .addString(role.wireName())
                .addString(holder)
                .addArrayOfString(hostIds.toArray(String[]::new)))
        .replaceWithVoid();
  }
}
