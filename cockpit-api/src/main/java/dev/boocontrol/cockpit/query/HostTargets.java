package dev.boocontrol.cockpit.query;

import dev.boocontrol.llamaswap.client.HostTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;

/**
 * Where a registered host is and its API key, for the cockpit's own calls to it. The key stays in
 * the service: {@link HostTarget#toString()} leaves it out.
 */
@ApplicationScoped
public class HostTargets {

  private static final String TARGET = "SELECT base_url, api_key FROM hosts WHERE id = $1";

  private final Pool pool;

  HostTargets(Pool pool) {
    this.pool = pool;
  }

  /** The host's target; fails with {@link UnknownHost} when the registry has no such host. */
  public Uni<HostTarget> of(String hostId) {
    return pool.preparedQuery(TARGET)
        .execute(Tuple.of(hostId))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                throw new UnknownHost(hostId);
              }
              Row r = it.next();
              return new HostTarget(
                  hostId,
                  URI.create(r.getString("base_url")),
                  Optional.ofNullable(r.getString("api_key")));
            });
  }
}
