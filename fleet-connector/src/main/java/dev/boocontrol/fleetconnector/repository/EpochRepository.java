package dev.boocontrol.fleetconnector.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Where a connector resumes a host: its latest epoch and the highest activity id stored in it. The
 * projection may lag Kafka slightly; re-fetching a few rows is harmless (inserts are idempotent).
 */
@ApplicationScoped
public class EpochRepository {

  /** A host's resume point. */
  public record ResumePoint(int epoch, Instant capturedAt, long cursor) {}

  private static final String LATEST =
      """
      SELECT e.epoch, e.captured_at,
             COALESCE((SELECT max(a.activity_id) FROM request_activity a
                       WHERE a.host_id = e.host_id AND a.epoch = e.epoch), 0) AS cursor
      FROM host_epochs e WHERE e.host_id = $1 ORDER BY e.epoch DESC LIMIT 1
      """;

  private final Pool pool;

  EpochRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Optional<ResumePoint>> resumePoint(String hostId) {
    return pool.preparedQuery(LATEST)
        .execute(Tuple.of(hostId))
        .map(
            rows -> {
              for (Row r : rows) {
                OffsetDateTime captured = r.getOffsetDateTime("captured_at");
                return Optional.of(
                    new ResumePoint(
                        r.getInteger("epoch"),
                        captured == null ? null : captured.toInstant(),
                        r.getLong("cursor")));
              }
              return Optional.empty();
            });
  }
}
