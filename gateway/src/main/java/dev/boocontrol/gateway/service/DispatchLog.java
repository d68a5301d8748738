package dev.boocontrol.gateway.service;

import dev.boocontrol.contracts.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes one {@code dispatch_log} row per routed request, after it ended. A failed write is counted
 * and logged; it never affects the client's answer.
 */
@ApplicationScoped
public class DispatchLog {

  private static final Logger LOG = Logger.getLogger(DispatchLog.class);

  private static final String INSERT =
      """
      INSERT INTO dispatch_log (request_id, started_at, consumer, endpoint, requested_model, policy,
        candidates, chosen_host, chosen_model, swap, attempts, stream, status, error, ttft_ms,
        total_ms)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (request_id) DO NOTHING
      """;

  /** One routed request as it ended. {@code candidates} and {@code attempts} go in as JSON. */
  public record Entry(
      UUID requestId,
      Instant startedAt,
      String consumer,
      String endpoint,
      String requestedModel,
      String policy,
      List<?> candidates,
      String chosenHost,
      String chosenModel,
      boolean swap,
      List<?> attempts,
      boolean stream,
      int status,
      String error,
      Double ttftMs,
      Double totalMs) {}

  private final Pool pool;
  private final MeterRegistry registry;

  DispatchLog(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  public void record(Entry e) {
    Tuple row =
        Tuple.tuple()
            .addUUID(e.requestId())
            .addOffsetDateTime(e.startedAt().atOffset(ZoneOffset.UTC))
            .addString(e.consumer())
            .addString(e.endpoint())
            .addString(e.requestedModel())
            .addString(e.policy())
            .addValue(new JsonArray(Json.write(e.candidates())))
            .addString(e.chosenHost())
            .addString(e.chosenModel())
            .addBoolean(e.swap())
            .addValue(new JsonArray(Json.write(e.attempts())))
            .addBoolean(e.stream())
            .addInteger(e.status())
            .addString(e.error())
            .addDouble(e.ttftMs())
            .addDouble(e.totalMs());
    pool.preparedQuery(INSERT)
        .execute(row)
        .subscribe()
        .with(
            ok -> {},
            failure -> {
              registry.counter("boocontrol_gateway_dispatch_log_failures_total").increment();
              LOG.warnf("dispatch %s not logged: %s", e.requestId(), failure.getMessage());
            });
  }
}
