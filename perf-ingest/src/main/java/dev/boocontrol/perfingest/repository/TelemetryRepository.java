package dev.boocontrol.perfingest.repository;

import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.GapSuspected;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.perfingest.core.ActivityBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The only writer of the telemetry tables. Every statement is an insert that ignores a row already
 * there (each table has a natural key), so replaying a topic from the start changes nothing.
 */
@ApplicationScoped
public class TelemetryRepository {

  private static final String INSERT_EPOCH =
      """
      INSERT INTO host_epochs (host_id, epoch, captured_at, reason)
      VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
      """;

  private static final String INSERT_ACTIVITY =
      """
      INSERT INTO request_activity (host_id, epoch, activity_id, finished_at, model, req_path,
        resp_content_type, resp_status_code, input_tokens, output_tokens, cache_tokens,
        draft_tokens, draft_acc_tokens, prompt_per_second, tokens_per_second, duration_ms,
        has_capture, error_msg, metadata, source, source_attribution)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
        $19, $20, $21)
      ON CONFLICT DO NOTHING
      """;

  private static final String INSERT_MODEL_EVENT =
      """
      INSERT INTO model_events (host_id, model_id, observed_at, from_state, to_state, swap)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
      """;

  private static final String INSERT_GAP =
      """
      INSERT INTO activity_gaps (host_id, epoch, from_id, to_id, reason, detected_at)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
      """;

  private final Pool pool;

  TelemetryRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> epochStarted(EpochStarted e) {
    return epoch(pool, e.hostId(), e.epoch(), e.capturedAt(), e.reason());
  }

  /** The row and, if the epoch announcement was lost or is late, its epoch. */
  public Uni<Void> activity(ActivityRecorded a) {
    return pool.withTransaction(
        conn ->
            epoch(conn, a.hostId(), a.epoch(), a.epochCapturedAt(), ActivityBatch.EPOCH_FROM_ROW)
                .chain(
                    () -> conn.preparedQuery(INSERT_ACTIVITY).execute(row(a)).replaceWithVoid()));
  }

  /**
   * A whole poll in one transaction and two round trips: its epochs, then its rows. Fails as a
   * whole; the caller then writes the records one by one to find the bad one.
   */
  public Uni<Void> batch(ActivityBatch batch) {
    if (batch.writesNothing()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> epochs = batch.epochs().stream().map(TelemetryRepository::epochRow).toList();
    List<Tuple> rows = batch.rows().stream().map(TelemetryRepository::row).toList();
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(INSERT_EPOCH)
                .executeBatch(epochs)
                .chain(
                    () ->
                        rows.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : conn.preparedQuery(INSERT_ACTIVITY)
                                .executeBatch(rows)
                                .replaceWithVoid()));
  }

  private static Tuple row(ActivityRecorded a) {
    return Tuple.tuple()
        .addString(a.hostId())
        .addInteger(a.epoch())
        .addLong(a.activityId())
        .addOffsetDateTime(utc(a.finishedAt()))
        .addString(a.model())
        .addString(a.reqPath())
        .addString(a.respContentType())
        .addInteger(a.respStatusCode())
        .addInteger(clampInt(a.inputTokens()))
        .addInteger(clampInt(a.outputTokens()))
        .addInteger(clampInt(a.cacheTokens()))
        .addInteger(clampInt(a.draftTokens()))
        .addInteger(clampInt(a.draftAccTokens()))
        .addDouble(a.promptPerSecond())
        .addDouble(a.tokensPerSecond())
        .addLong(a.durationMs())
        .addBoolean(a.hasCapture())
        .addString(a.errorMsg())
        .addValue(metadata(a.metadata()))
        .addString(a.source() == null ? "direct" : a.source())
        .addString(a.sourceAttribution() == null ? "none" : a.sourceAttribution());
  }

  public Uni<Void> modelTransition(ModelTransition t) {
    return pool.preparedQuery(INSERT_MODEL_EVENT)
        .execute(
            Tuple.tuple()
                .addString(t.hostId())
                .addString(t.modelId())
                .addOffsetDateTime(utc(t.observedAt()))
                .addString(t.fromState())
                .addString(t.toState())
                .addBoolean(t.swap()))
        .replaceWithVoid();
  }

  public Uni<Void> gap(GapSuspected g) {
    return pool.preparedQuery(INSERT_GAP)
        .execute(
            Tuple.tuple()
                .addString(g.hostId())
                .addInteger(g.epoch())
                .addLong(g.fromId())
                .addLong(g.toId())
                .addString(g.reason())
                .addOffsetDateTime(utc(g.detectedAt())))
        .replaceWithVoid();
  }

  private static Uni<Void> epoch(
      SqlClient client, String hostId, int epoch, Instant capturedAt, String reason) {
    return client
        .preparedQuery(INSERT_EPOCH)
        .execute(epochRow(new EpochStarted(hostId, epoch, capturedAt, reason)))
        .replaceWithVoid();
  }

  private static Tuple epochRow(EpochStarted e) {
    return Tuple.tuple()
        .addString(e.hostId())
        .addInteger(e.epoch())
        .addOffsetDateTime(e.capturedAt() == null ? null : utc(e.capturedAt()))
        .addString(e.reason());
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static JsonObject metadata(Map<String, String> metadata) {
    JsonObject json = new JsonObject();
    if (metadata != null) {
      metadata.forEach(json::put);
    }
    return json;
  }

  /** Token counts beyond int range do not occur in practice; never fail a row over one. */
  private static int clampInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }
}
