package dev.boocontrol.perfingest.repository;

import dev.boocontrol.perfingest.core.GpuRow;
import dev.boocontrol.perfingest.core.PerfBatch;
import dev.boocontrol.perfingest.core.SystemRow;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Raw perf samples: idempotent inserts, and the per-host watermark to resume polling from. */
@ApplicationScoped
public class PerfRepository {

  private static final String WATERMARK =
      """
      SELECT greatest((SELECT max(sampled_at) FROM gpu_samples WHERE host_id = $1),
                      (SELECT max(sampled_at) FROM system_samples WHERE host_id = $1)) AS watermark
      """;

  private static final String INSERT_GPU =
      """
      INSERT INTO gpu_samples (host_id, gpu_index, sampled_at, uuid, name, temp_c, vram_temp_c,
        gpu_util_pct, mem_util_pct, mem_used_mb, mem_total_mb, fan_speed_pct, power_draw_w)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING
      """;

  private static final String INSERT_SYSTEM =
      """
      INSERT INTO system_samples (host_id, sampled_at, cpu_util_pct, cpu_util_per_core,
        mem_total_mb, mem_used_mb, mem_free_mb, swap_total_mb, swap_used_mb, load_avg_1,
        load_avg_5, load_avg_15, net_io)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb) ON CONFLICT DO NOTHING
      """;

  private final Pool pool;

  PerfRepository(Pool pool) {
    this.pool = pool;
  }

  /** The newest stored sample of a host, so a restarted poller asks only for what is new. */
  public Uni<Optional<Instant>> watermark(String hostId) {
    return pool.preparedQuery(WATERMARK)
        .execute(Tuple.of(hostId))
        .map(
            rows -> {
              for (Row r : rows) {
                OffsetDateTime t = r.getOffsetDateTime("watermark");
                return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
              }
              return Optional.empty();
            });
  }

  public Uni<Void> store(PerfBatch batch) {
    List<Tuple> gpus = new ArrayList<>();
    for (GpuRow g : batch.gpuRows()) {
      gpus.add(
          Tuple.tuple()
              .addString(g.hostId())
              .addInteger(g.gpuIndex())
              .addOffsetDateTime(utc(g.sampledAt()))
              .addString(g.uuid())
              .addString(g.name())
              .addDouble(g.tempC())
              .addDouble(g.vramTempC())
              .addDouble(g.gpuUtilPct())
              .addDouble(g.memUtilPct())
              .addDouble(g.memUsedMb())
              .addDouble(g.memTotalMb())
              .addDouble(g.fanSpeedPct())
              .addDouble(g.powerDrawW()));
    }
    List<Tuple> systems = new ArrayList<>();
    for (SystemRow s : batch.systemRows()) {
      systems.add(
          Tuple.tuple()
              .addString(s.hostId())
              .addOffsetDateTime(utc(s.sampledAt()))
              .addDouble(Double.isNaN(s.cpuUtilPct()) ? null : s.cpuUtilPct())
              .addArrayOfDouble(s.cpuUtilPerCore().toArray(Double[]::new))
              .addDouble(s.memTotalMb())
              .addDouble(s.memUsedMb())
              .addDouble(s.memFreeMb())
              .addDouble(s.swapTotalMb())
              .addDouble(s.swapUsedMb())
              .addDouble(s.loadAvg1())
              .addDouble(s.loadAvg5())
              .addDouble(s.loadAvg15())
              .addString(s.netIoJson() == null ? new JsonArray().encode() : s.netIoJson()));
    }
    return pool.withTransaction(
        conn -> {
          Uni<Void> g =
              gpus.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : conn.preparedQuery(INSERT_GPU).executeBatch(gpus).replaceWithVoid();
          return g.chain(
              () ->
                  systems.isEmpty()
                      ? Uni.createFrom().voidItem()
                      : conn.preparedQuery(INSERT_SYSTEM).executeBatch(systems).replaceWithVoid());
        });
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
