package dev.boocontrol.perfingest.repository;

import dev.boocontrol.contracts.events.CaptureRecorded;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code capture_vault} table: idempotent inserts, and trimming by age and by bytes. */
@ApplicationScoped
public class CaptureVaultRepository {

  private static final String INSERT =
      """
      INSERT INTO capture_vault (host_id, epoch, activity_id, finished_at, req_path, req_headers,
        req_body, resp_headers, resp_body, size_bytes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (host_id, epoch, activity_id) DO NOTHING
      """;

  private static final String DELETE_OLD = "DELETE FROM capture_vault WHERE finished_at < $1";

  // Newest first, a running sum per host: every capture past the cap goes, oldest first.
  private static final String DELETE_OVER_CAP =
      """
      DELETE FROM capture_vault v
      USING (
        SELECT host_id, epoch, activity_id,
               sum(size_bytes) OVER (PARTITION BY host_id
                 ORDER BY finished_at DESC, epoch DESC, activity_id DESC) AS running
        FROM capture_vault
      ) r
      WHERE v.host_id = r.host_id AND v.epoch = r.epoch AND v.activity_id = r.activity_id
        AND r.running > $1
      """;

  private final Pool pool;

  CaptureVaultRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> insert(CaptureRecorded c) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.tuple()
                .addString(c.hostId())
                .addInteger(c.epoch())
                .addLong(c.activityId())
                .addOffsetDateTime(OffsetDateTime.ofInstant(c.finishedAt(), ZoneOffset.UTC))
                .addString(c.reqPath() == null ? "" : c.reqPath())
                .addValue(json(c.reqHeaders()))
                .addValue(bytes(c.reqBodyBase64()))
                .addValue(json(c.respHeaders()))
                .addValue(bytes(c.respBodyBase64()))
                .addLong(c.sizeBytes()))
        .replaceWithVoid();
  }

  /** Deletes captures finished before {@code cutoff}; returns how many. */
  public Uni<Integer> deleteOlderThan(Instant cutoff) {
    return pool.preparedQuery(DELETE_OLD)
        .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)))
        .map(r -> r.rowCount());
  }

  /** Deletes each host's oldest captures beyond {@code maxBytesPerHost}; returns how many. */
  public Uni<Integer> deleteOverCap(long maxBytesPerHost) {
    return pool.preparedQuery(DELETE_OVER_CAP)
        .execute(Tuple.of(maxBytesPerHost))
        .map(r -> r.rowCount());
  }

  // A JSON object for the jsonb column (a Java String would be stored as a JSON string).
  private static JsonObject json(Map<String, String> headers) {
    return headers == null ? null : new JsonObject(new LinkedHashMap<String, Object>(headers));
  }

  // A part not kept is SQL NULL; the pg client encodes the core Buffer as bytea.
  private static io.vertx.core.buffer.Buffer bytes(String base64) {
    return base64 == null
        ? null
        : io.vertx.core.buffer.Buffer.buffer(Base64.getDecoder().decode(base64));
  }
}
