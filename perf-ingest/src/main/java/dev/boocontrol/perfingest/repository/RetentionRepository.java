package dev.boocontrol.perfingest.repository;

import dev.boocontrol.perfingest.core.ActivityFact;
import dev.boocontrol.perfingest.core.DeleteChunk;
import dev.boocontrol.perfingest.core.GpuRollup;
import dev.boocontrol.perfingest.core.GpuRow;
import dev.boocontrol.perfingest.core.RequestRollup;
import dev.boocontrol.perfingest.core.SystemRollup;
import dev.boocontrol.perfingest.core.SystemRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads raw rows for rollups, upserts rollups, and deletes old rows one bounded chunk at a time.
 */
@ApplicationScoped
public class RetentionRepository {

  /** Tables with a time column that retention trims, per host. */
  public enum Trimmed {
    GPU_SAMPLES("gpu_samples", "sampled_at"),
    SYSTEM_SAMPLES("system_samples", "sampled_at"),
    REQUEST_ACTIVITY("request_activity", "finished_at"),
    GPU_ROLLUPS("gpu_rollups_5m", "bucket_start"),
    SYSTEM_ROLLUPS("system_rollups_5m", "bucket_start"),
    REQUEST_ROLLUPS("request_rollups_5m", "bucket_start");

    final String table;
    final String column;

    Trimmed(String table, String column) {
      this.table = table;
      this.column = column;
    }
  }

  private static final String UPSERT_GPU =
      """
      INSERT INTO gpu_rollups_5m (host_id, gpu_index, bucket_start, samples, temp_c_avg, temp_c_max,
        gpu_util_avg, gpu_util_max, mem_used_mb_avg, mem_used_mb_max, mem_total_mb, power_w_avg,
        power_w_max)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (host_id, gpu_index, bucket_start) DO UPDATE SET
        samples = EXCLUDED.samples, temp_c_avg = EXCLUDED.temp_c_avg,
        temp_c_max = EXCLUDED.temp_c_max, gpu_util_avg = EXCLUDED.gpu_util_avg,
        gpu_util_max = EXCLUDED.gpu_util_max, mem_used_mb_avg = EXCLUDED.mem_used_mb_avg,
        mem_used_mb_max = EXCLUDED.mem_used_mb_max, mem_total_mb = EXCLUDED.mem_total_mb,
        power_w_avg = EXCLUDED.power_w_avg, power_w_max = EXCLUDED.power_w_max
      """;

  private static final String UPSERT_SYSTEM =
      """
      INSERT INTO system_rollups_5m (host_id, bucket_start, samples, cpu_util_avg, cpu_util_max,
        mem_used_mb_avg, mem_used_mb_max, load_avg_1_avg)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (host_id, bucket_start) DO UPDATE SET
        samples = EXCLUDED.samples, cpu_util_avg = EXCLUDED.cpu_util_avg,
        cpu_util_max = EXCLUDED.cpu_util_max, mem_used_mb_avg = EXCLUDED.mem_used_mb_avg,
        mem_used_mb_max = EXCLUDED.mem_used_mb_max, load_avg_1_avg = EXCLUDED.load_avg_1_avg
      """;

  private static final String UPSERT_REQUESTS =
      """
      INSERT INTO request_rollups_5m (host_id, model, bucket_start, requests, errors, input_tokens,
        output_tokens, cache_tokens, tokens_per_second_avg, tokens_per_second_p50,
        prompt_per_second_avg, duration_ms_avg)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (host_id, model, bucket_start) DO UPDATE SET
        requests = EXCLUDED.requests, errors = EXCLUDED.errors,
        input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens,
        cache_tokens = EXCLUDED.cache_tokens,
        tokens_per_second_avg = EXCLUDED.tokens_per_second_avg,
        tokens_per_second_p50 = EXCLUDED.tokens_per_second_p50,
        prompt_per_second_avg = EXCLUDED.prompt_per_second_avg,
        duration_ms_avg = EXCLUDED.duration_ms_avg
      """;

  private final Pool pool;

  RetentionRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<GpuRow>> gpuSamples(Instant from, Instant to) {
    return pool.preparedQuery(
            "SELECT * FROM gpu_samples WHERE sampled_at >= $1 AND sampled_at < $2")
        .execute(Tuple.of(utc(from), utc(to)))
        .map(
            rows -> {
              List<GpuRow> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new GpuRow(
                        r.getString("host_id"),
                        r.getInteger("gpu_index"),
                        r.getOffsetDateTime("sampled_at").toInstant(),
                        r.getString("uuid"),
                        r.getString("name"),
                        num(r, "temp_c"),
                        num(r, "vram_temp_c"),
                        num(r, "gpu_util_pct"),
                        num(r, "mem_util_pct"),
                        num(r, "mem_used_mb"),
                        num(r, "mem_total_mb"),
                        num(r, "fan_speed_pct"),
                        num(r, "power_draw_w")));
              }
              return out;
            });
  }

  public Uni<List<SystemRow>> systemSamples(Instant from, Instant to) {
    return pool.preparedQuery(
            "SELECT * FROM system_samples WHERE sampled_at >= $1 AND sampled_at < $2")
        .execute(Tuple.of(utc(from), utc(to)))
        .map(
            rows -> {
              List<SystemRow> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new SystemRow(
                        r.getString("host_id"),
                        r.getOffsetDateTime("sampled_at").toInstant(),
                        num(r, "cpu_util_pct"),
                        List.of(),
                        num(r, "mem_total_mb"),
                        num(r, "mem_used_mb"),
                        num(r, "mem_free_mb"),
                        num(r, "swap_total_mb"),
                        num(r, "swap_used_mb"),
                        num(r, "load_avg_1"),
                        num(r, "load_avg_5"),
                        num(r, "load_avg_15"),
                        "[]"));
              }
              return out;
            });
  }

  public Uni<List<ActivityFact>> activity(Instant from, Instant to) {
    return pool.preparedQuery(
            """
            SELECT host_id, model, finished_at, resp_status_code, input_tokens, output_tokens,
                   cache_tokens, tokens_per_second, prompt_per_second, duration_ms
            FROM request_activity WHERE finished_at >= $1 AND finished_at < $2
            """)
        .execute(Tuple.of(utc(from), utc(to)))
        .map(
            rows -> {
              List<ActivityFact> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new ActivityFact(
                        r.getString("host_id"),
                        r.getString("model"),
                        r.getOffsetDateTime("finished_at").toInstant(),
                        r.getInteger("resp_status_code"),
                        r.getInteger("input_tokens"),
                        r.getInteger("output_tokens"),
                        r.getInteger("cache_tokens"),
                        r.getDouble("tokens_per_second"),
                        r.getDouble("prompt_per_second"),
                        r.getLong("duration_ms")));
              }
              return out;
            });
  }

  public Uni<Void> upsert(
      List<GpuRollup> gpus, List<SystemRollup> systems, List<RequestRollup> requests) {
    List<Tuple> g = new ArrayList<>();
    for (GpuRollup r : gpus) {
      g.add(
          Tuple.tuple()
              .addString(r.hostId())
              .addInteger(r.gpuIndex())
              .addOffsetDateTime(utc(r.bucketStart()))
              .addInteger(r.samples())
              .addDouble(r.tempCAvg())
              .addDouble(r.tempCMax())
              .addDouble(r.gpuUtilAvg())
              .addDouble(r.gpuUtilMax())
              .addDouble(r.memUsedMbAvg())
              .addDouble(r.memUsedMbMax())
              .addDouble(r.memTotalMb())
              .addDouble(r.powerWAvg())
              .addDouble(r.powerWMax()));
    }
    List<Tuple> s = new ArrayList<>();
    for (SystemRollup r : systems) {
      s.add(
          Tuple.tuple()
              .addString(r.hostId())
              .addOffsetDateTime(utc(r.bucketStart()))
              .addInteger(r.samples())
              .addDouble(r.cpuUtilAvg())
              .addDouble(r.cpuUtilMax())
              .addDouble(r.memUsedMbAvg())
              .addDouble(r.memUsedMbMax())
              .addDouble(r.loadAvg1Avg()));
    }
    List<Tuple> q = new ArrayList<>();
    for (RequestRollup r : requests) {
      q.add(
          Tuple.tuple()
              .addString(r.hostId())
              .addString(r.model())
              .addOffsetDateTime(utc(r.bucketStart()))
              .addInteger(r.requests())
              .addInteger(r.errors())
              .addLong(r.inputTokens())
              .addLong(r.outputTokens())
              .addLong(r.cacheTokens())
              .addDouble(r.tokensPerSecondAvg())
              .addDouble(r.tokensPerSecondP50())
              .addDouble(r.promptPerSecondAvg())
              .addDouble(r.durationMsAvg()));
    }
    return pool.withTransaction(
        conn ->
            batch(conn, UPSERT_GPU, g)
                .chain(() -> batch(conn, UPSERT_SYSTEM, s))
                .chain(() -> batch(conn, UPSERT_REQUESTS, q)));
  }

  /** The oldest row per host in a trimmed table. */
  public Uni<Map<String, Instant>> oldestPerHost(Trimmed t) {
    return pool.query(
            "SELECT host_id, min(" + t.column + ") AS oldest FROM " + t.table + " GROUP BY host_id")
        .execute()
        .map(
            rows -> {
              Map<String, Instant> out = new HashMap<>();
              for (Row r : rows) {
                out.put(r.getString("host_id"), r.getOffsetDateTime("oldest").toInstant());
              }
              return out;
            });
  }

  /** Deletes one chunk in its own short transaction; returns the rows deleted. */
  public Uni<Integer> delete(Trimmed t, DeleteChunk chunk) {
    return pool.preparedQuery(
            "DELETE FROM "
                + t.table
                + " WHERE host_id = $1 AND "
                + t.column
                + " >= $2 AND "
                + t.column
                + " < $3")
        .execute(Tuple.of(chunk.hostId(), utc(chunk.from()), utc(chunk.to())))
        .map(rows -> rows.rowCount());
  }

  private static Uni<Void> batch(
      io.vertx.mutiny.sqlclient.SqlConnection conn, String sql, List<Tuple> rows) {
    return rows.isEmpty()
        ? Uni.createFrom().voidItem()
        : conn.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
  }

  private static double num(Row r, String column) {
    Double v = r.getDouble(column);
    return v == null ? Double.NaN : v;
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
