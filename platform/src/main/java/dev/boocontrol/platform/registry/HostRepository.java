package dev.boocontrol.platform.registry;

import dev.boocontrol.platform.core.HostKind;
import dev.boocontrol.platform.core.HostRegistry;
import dev.boocontrol.platform.core.HostSpec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code hosts} table. The only place that reads or writes it. */
@ApplicationScoped
public class HostRepository {

  private static final String UPSERT =
      """
      INSERT INTO hosts (id, display_name, base_url, api_key, enabled, kind)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (id) DO UPDATE SET
        display_name = EXCLUDED.display_name,
        base_url = EXCLUDED.base_url,
        api_key = EXCLUDED.api_key,
        enabled = EXCLUDED.enabled,
        kind = EXCLUDED.kind,
        updated_at = now()
      WHERE (hosts.display_name, hosts.base_url, hosts.api_key, hosts.enabled, hosts.kind)
        IS DISTINCT FROM
        (EXCLUDED.display_name, EXCLUDED.base_url, EXCLUDED.api_key, EXCLUDED.enabled, EXCLUDED.kind)
      """;

  // Hosts dropped from the file are disabled, not deleted: their history stays.
  private static final String DISABLE_UNLISTED =
      "UPDATE hosts SET enabled = false, updated_at = now() WHERE enabled AND NOT (id = ANY($1))";

  private static final String SELECT =
      "SELECT id, display_name, base_url, api_key, enabled, kind FROM hosts ORDER BY id";

  private final Pool pool;

  HostRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Makes the table match the registry in one transaction.
   *
   * @param disableUnlisted also disable enabled hosts that the registry does not list
   * @return how many hosts were disabled because the registry no longer lists them
   */
  public Uni<Integer> upsertAll(HostRegistry registry, boolean disableUnlisted) {
    List<Tuple> rows = new ArrayList<>();
    for (HostSpec h : registry.hosts()) {
      rows.add(
          Tuple.tuple()
              .addString(h.id())
              .addString(h.displayName())
              .addString(h.baseUrl().toString())
              .addString(h.apiKey().orElse(null))
              .addBoolean(h.enabled())
              .addString(h.kind().wireName()));
    }
    return pool.withTransaction(
        conn -> {
          Uni<Void> upserts =
              rows.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : conn.preparedQuery(UPSERT).executeBatch(rows).replaceWithVoid();
          if (!disableUnlisted) {
            return upserts.replaceWith(0);
          }
          return upserts
              .chain(
                  () ->
                      conn.preparedQuery(DISABLE_UNLISTED)
                          .execute(
                              Tuple.tuple()
                                  .addArrayOfString(registry.ids().toArray(String[]::new))))
              .map(result -> result.rowCount());
        });
  }

  /** Every registered host, enabled or not. */
  public Uni<List<HostSpec>> findAll() {
    return pool.query(SELECT)
        .execute()
        .map(
            rows -> {
              List<HostSpec> out = new ArrayList<>();
              for (Row row : rows) {
                out.add(toSpec(row));
              }
              return out;
            });
  }

  private static HostSpec toSpec(Row row) {
    return new HostSpec(
        row.getString("id"),
        row.getString("display_name"),
        URI.create(row.getString("base_url")),
        Optional.ofNullable(row.getString("api_key")),
        row.getBoolean("enabled"),
        HostKind.fromWireName(row.getString("kind")).orElseThrow());
  }
}
