package dev.boocontrol.cockpit.live;

import dev.boocontrol.cockpit.core.HostSeed;
import dev.boocontrol.contracts.cockpit.GapView;
import dev.boocontrol.contracts.cockpit.ModelView;
import dev.boocontrol.contracts.events.JobUpdated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What PostgreSQL knows about the fleet, for the first snapshot after the cockpit starts. */
@ApplicationScoped
public class FleetSeedRepository {

  private static final String HOSTS =
      """
      SELECT h.id, h.display_name, h.base_url,
             COALESCE((SELECT max(epoch) FROM host_epochs e WHERE e.host_id = h.id), 0) AS epoch
      FROM hosts h WHERE h.enabled AND h.kind = 'llama-swap' ORDER BY h.id
      """;

  private static final String MODELS =
      """
      SELECT m.*,
             (SELECT max(a.finished_at) FROM request_activity a
              WHERE a.host_id = m.host_id AND a.model = m.model_id) AS last_used_at
      FROM (SELECT DISTINCT ON (host_id, model_id) host_id, model_id, to_state, observed_at, swap
            FROM model_events ORDER BY host_id, model_id, observed_at DESC) m
      """;

  private static final String GAPS =
      """
      SELECT host_id, epoch, from_id, to_id, reason, detected_at FROM (
        SELECT *, row_number() OVER (PARTITION BY host_id ORDER BY detected_at DESC) AS n
        FROM activity_gaps) g
      WHERE n <= 20
      """;

  /** Open actions, in submission order (positions are recomputed from it). */
  private static final String JOBS =
      """
      SELECT id, host_id, kind, model, state, reason, requested_by, requested_at, started_at
      FROM control_actions WHERE state IN ('queued', 'running') ORDER BY requested_at, id
      """;

  private final Pool pool;

  FleetSeedRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<HostSeed>> load() {
    Map<String, List<ModelView>> models = new HashMap<>();
    Map<String, List<GapView>> gaps = new HashMap<>();
    Map<String, List<JobUpdated>> jobs = new HashMap<>();
    Map<String, Row> hosts = new LinkedHashMap<>();
    return pool.query(MODELS)
        .execute()
        .invoke(
            rows ->
                rows.forEach(
                    r ->
                        models
                            .computeIfAbsent(r.getString("host_id"), k -> new ArrayList<>())
                            .add(
                                new ModelView(
                                    r.getString("model_id"),
                                    r.getString("to_state"),
                                    r.getOffsetDateTime("observed_at").toInstant(),
                                    r.getBoolean("swap"),
                                    null,
                                    lastUsedAt(r)))))
        .chain(() -> pool.query(GAPS).execute())
        .invoke(
            rows ->
                rows.forEach(
                    r ->
                        gaps.computeIfAbsent(r.getString("host_id"), k -> new ArrayList<>())
                            .add(
                                new GapView(
                                    r.getInteger("epoch"),
                                    r.getLong("from_id"),
                                    r.getLong("to_id"),
                                    r.getString("reason"),
                                    r.getOffsetDateTime("detected_at").toInstant()))))
        .chain(() -> pool.query(JOBS).execute())
        .invoke(
            rows ->
                rows.forEach(
                    r ->
                        jobs.computeIfAbsent(r.getString("host_id"), k -> new ArrayList<>())
                            .add(job(r))))
        .chain(() -> pool.query(HOSTS).execute())
        .map(
            rows -> {
              rows.forEach(r -> hosts.put(r.getString("id"), r));
              List<HostSeed> seeds = new ArrayList<>();
              hosts.forEach(
                  (id, r) ->
                      seeds.add(
                          new HostSeed(
                              id,
                              r.getString("display_name"),
                              r.getString("base_url"),
                              r.getInteger("epoch"),
                              models.getOrDefault(id, List.of()),
                              gaps.getOrDefault(id, List.of()),
                              jobs.getOrDefault(id, List.of()))));
              return seeds;
            });
  }

  private static java.time.Instant lastUsedAt(Row r) {
    OffsetDateTime at = r.getOffsetDateTime("last_used_at");
    return at == null ? null : at.toInstant();
  }

  private static JobUpdated job(Row r) {
    OffsetDateTime started = r.getOffsetDateTime("started_at");
    return new JobUpdated(
        r.getUUID("id").toString(),
        r.getString("host_id"),
        r.getString("kind"),
        r.getString("model"),
        r.getString("state"),
        null,
        r.getString("reason"),
        r.getString("requested_by"),
        r.getOffsetDateTime("requested_at").toInstant(),
        started == null ? null : started.toInstant(),
        null,
        null);
  }
}
