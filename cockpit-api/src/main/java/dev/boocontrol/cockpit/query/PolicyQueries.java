package dev.boocontrol.cockpit.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.cockpit.core.PolicyInput;
import dev.boocontrol.contracts.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gateway's virtual models in {@code route_policies}, and their dispatch log. */
@ApplicationScoped
public class PolicyQueries {

  /** A stored policy. */
  public record Policy(
      String name,
      String description,
      JsonNode spec,
      boolean builtin,
      Instant updatedAt,
      String updatedBy) {}

  /** What deleting asked for found. */
  public enum Deleted {
    DELETED,
    BUILTIN,
    UNKNOWN
  }

  private static final String LIST =
      "SELECT name, description, spec::text AS spec, builtin, updated_at, updated_by"
          + " FROM route_policies ORDER BY name";
  private static final String UPSERT =
      """
      INSERT INTO route_policies (name, description, spec, updated_at, updated_by)
      VALUES ($1, $2, $3, now(), $4)
      ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, spec = EXCLUDED.spec,
        updated_at = now(), updated_by = EXCLUDED.updated_by
      RETURNING name, description, spec::text AS spec, builtin, updated_at, updated_by
      """;
  private static final String DELETE =
      """
      WITH target AS (SELECT name, builtin FROM route_policies WHERE name = $1),
      gone AS (DELETE FROM route_policies WHERE name = $1 AND NOT builtin RETURNING name)
      SELECT (SELECT builtin FROM target) AS builtin, (SELECT count(*) FROM gone) AS deleted
      """;
  private static final String DISPATCHES =
      """
      SELECT row_to_json(d)::text AS row FROM (
        SELECT request_id, started_at, consumer, endpoint, requested_model, policy, candidates,
          chosen_host, chosen_model, swap, attempts, stream, status, error, ttft_ms, total_ms
        FROM dispatch_log WHERE policy = $1 ORDER BY started_at DESC LIMIT $2) d
      """;

  private final Pool pool;

  PolicyQueries(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<Policy>> list() {
    return pool.query(LIST)
        .execute()
        .map(
            rows -> {
              List<Policy> out = new ArrayList<>();
              rows.forEach(r -> out.add(policy(r)));
              return out;
            });
  }

  public Uni<Policy> save(String name, PolicyInput input, String operator) {
    return pool.preparedQuery(UPSERT)
        .execute(
            Tuple.of(name, input.description(), new JsonObject(Json.write(input.spec())), operator))
        .map(rows -> policy(rows.iterator().next()));
  }

  public Uni<Deleted> delete(String name) {
    return pool.preparedQuery(DELETE)
        .execute(Tuple.of(name))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              Boolean builtin = r.getBoolean("builtin");
              if (builtin == null) {
                return Deleted.UNKNOWN;
              }
              return builtin ? Deleted.BUILTIN : Deleted.DELETED;
            });
  }

  /** The newest dispatches of one policy, as the gateway logged them. */
  public Uni<List<JsonNode>> dispatches(String name, int limit) {
    return pool.preparedQuery(DISPATCHES)
        .execute(Tuple.of(name, limit))
        .map(
            rows -> {
              List<JsonNode> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(readTree(r.getString("row")));
              }
              return out;
            });
  }

  private static Policy policy(Row r) {
    return new Policy(
        r.getString("name"),
        r.getString("description"),
        readTree(r.getString("spec")),
        r.getBoolean("builtin"),
        Optional.ofNullable(r.getOffsetDateTime("updated_at")).map(t -> t.toInstant()).orElse(null),
        r.getString("updated_by"));
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("PostgreSQL returned JSON that does not read", e);
    }
  }
}
