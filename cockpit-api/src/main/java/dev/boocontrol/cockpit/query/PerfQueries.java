package dev.boocontrol.cockpit.query;

import dev.boocontrol.cockpit.core.QueryParams;
import dev.boocontrol.cockpit.core.Resolution;
import dev.boocontrol.cockpit.core.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's perf timelines. The {@link Resolution} plan picks raw samples or 5-minute rollups and a
 * bucket width; every series is bucketed with {@code date_bin} so it never exceeds {@link
 * Resolution#MAX_POINTS} points.
 */
@ApplicationScoped
public class PerfQueries {

  /** Buckets are aligned in UTC, like the rollups. */
  private static final String BIN =
      "date_bin(%s::bigint * interval '1 second', %s," + " TIMESTAMPTZ '2000-01-01 00:00:00+00')";

  private static final String GPU_RAW =
      """
      SELECT gpu_index, %1$s AS bin, min(sampled_at) AS t, avg(temp_c) AS temp_c,
             avg(gpu_util_pct) AS util, avg(mem_used_mb) AS mem_used,
             max(mem_total_mb) AS mem_total, avg(power_draw_w) AS power
      FROM gpu_samples WHERE host_id = $1 AND sampled_at >= $2 AND sampled_at < $3
      GROUP BY gpu_index, bin ORDER BY gpu_index, bin
      """
          .formatted(BIN.formatted("$4", "sampled_at"));

  private static final String GPU_ROLLUP =
      """
      SELECT gpu_index, %1$s AS t, avg(temp_c_avg) AS temp_c, avg(gpu_util_avg) AS util,
             avg(mem_used_mb_avg) AS mem_used, max(mem_total_mb) AS mem_total,
             avg(power_w_avg) AS power
      FROM gpu_rollups_5m WHERE host_id = $1 AND bucket_start >= $2 AND bucket_start < $3
      GROUP BY gpu_index, t ORDER BY gpu_index, t
      """
          .formatted(BIN.formatted("$4", "bucket_start"));

  private static final String SYSTEM_RAW =
      """
      SELECT %1$s AS bin, min(sampled_at) AS t, avg(cpu_util_pct) AS cpu,
             avg(mem_used_mb) AS mem_used, max(mem_total_mb) AS mem_total, avg(load_avg_1) AS load1
      FROM system_samples WHERE host_id = $1 AND sampled_at >= $2 AND sampled_at < $3
      GROUP BY bin ORDER BY bin
      """
          .formatted(BIN.formatted("$4", "sampled_at"));

  private static final String SYSTEM_ROLLUP =
      """
      SELECT %1$s AS t, avg(cpu_util_avg) AS cpu, avg(mem_used_mb_avg) AS mem_used,
             NULL::float8 AS mem_total, avg(load_avg_1_avg) AS load1
      FROM system_rollups_5m WHERE host_id = $1 AND bucket_start >= $2 AND bucket_start < $3
      GROUP BY t ORDER BY t
      """
          .formatted(BIN.formatted("$4", "bucket_start"));

  private static final String MODELS_RAW =
      """
      SELECT model, %1$s AS t, count(*) AS requests,
             count(*) FILTER (WHERE resp_status_code >= 400 OR resp_status_code <= 0) AS errors,
             avg(tokens_per_second) FILTER (WHERE tokens_per_second > 0) AS tps
      FROM request_activity WHERE host_id = $1 AND finished_at >= $2 AND finished_at < $3
      GROUP BY model, t ORDER BY model, t
      """
          .formatted(BIN.formatted("$4", "finished_at"));

  private static final String MODELS_ROLLUP =
      """
      SELECT model, %1$s AS t, sum(requests)::bigint AS requests, sum(errors)::bigint AS errors,
             sum(tokens_per_second_avg * requests)
               / NULLIF(sum(requests) FILTER (WHERE tokens_per_second_avg IS NOT NULL), 0) AS tps
      FROM request_rollups_5m WHERE host_id = $1 AND bucket_start >= $2 AND bucket_start < $3
      GROUP BY model, t ORDER BY model, t
      """
          .formatted(BIN.formatted("$4", "bucket_start"));

  private static final String GPU_NAMES =
      """
      SELECT g AS gpu_index,
             (SELECT name FROM gpu_samples s
              WHERE s.host_id = $1 AND s.gpu_index = g AND s.name IS NOT NULL
              ORDER BY s.sampled_at DESC LIMIT 1) AS name
      FROM unnest($2::int[]) AS g
      """;

  private final Pool pool;

  PerfQueries(Pool pool) {
    this.pool = pool;
  }

  /** Fails with {@link UnknownHost} when the host is not registered. */
  public Uni<PerfView> perf(String hostId, TimeRange range) {
    if (!QueryParams.isHostId(hostId)) {
      return Uni.createFrom().failure(new UnknownHost(hostId));
    }
    Resolution.Plan plan = Resolution.plan(range, Resolution.PERF_RAW_LIMIT, Resolution.MAX_POINTS);
    boolean raw = plan.resolution() == Resolution.RAW;
    // rollup buckets that overlap the range
    Instant from = raw ? range.from() : Resolution.rollupBucket(range.from());
    Tuple samples = window(hostId, from, range.to(), plan.step().toSeconds());
    Tuple requests = window(hostId, from, range.to(), plan.requestStep().toSeconds());
    return pool.preparedQuery("SELECT 1 FROM hosts WHERE id = $1")
        .execute(Tuple.of(hostId))
        .flatMap(
            found -> {
              if (found.size() == 0) {
                return Uni.createFrom().failure(new UnknownHost(hostId));
              }
              return Uni.combine()
                  .all()
                  .unis(
                      pool.preparedQuery(raw ? GPU_RAW : GPU_ROLLUP)
                          .execute(samples)
                          .flatMap(rows -> gpus(hostId, rows)),
                      pool.preparedQuery(raw ? SYSTEM_RAW : SYSTEM_ROLLUP)
                          .execute(samples)
                          .map(PerfQueries::system),
                      pool.preparedQuery(raw ? MODELS_RAW : MODELS_ROLLUP)
                          .execute(requests)
                          .map(PerfQueries::models))
                  .with(
                      (gpus, system, models) ->
                          new PerfView(
                              hostId,
                              range.from(),
                              range.to(),
                              plan.resolution().label(),
                              plan.step().toSeconds(),
                              plan.requestStep().toSeconds(),
                              gpus,
                              system,
                              models));
            });
  }

  private Uni<List<PerfView.GpuSeries>> gpus(String hostId, RowSet<Row> rows) {
    Map<Integer, List<PerfView.GpuPoint>> series = new LinkedHashMap<>();
    for (Row r : rows) {
      series
          .computeIfAbsent(r.getInteger("gpu_index"), k -> new ArrayList<>())
          .add(
              new PerfView.GpuPoint(
                  instant(r, "t"),
                  r.getDouble("temp_c"),
                  r.getDouble("util"),
                  r.getDouble("mem_used"),
                  r.getDouble("mem_total"),
                  r.getDouble("power")));
    }
    if (series.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Integer[] indexes = series.keySet().toArray(Integer[]::new);
    return pool.preparedQuery(GPU_NAMES)
        .execute(Tuple.of(hostId, indexes))
        .map(
            names -> {
              Map<Integer, String> byIndex = new LinkedHashMap<>();
              names.forEach(n -> byIndex.put(n.getInteger("gpu_index"), n.getString("name")));
              List<PerfView.GpuSeries> out = new ArrayList<>();
              series.forEach(
                  (index, points) ->
                      out.add(
                          new PerfView.GpuSeries(index, byIndex.get(index), List.copyOf(points))));
              return List.copyOf(out);
            });
  }

  private static List<PerfView.SystemPoint> system(RowSet<Row> rows) {
    List<PerfView.SystemPoint> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new PerfView.SystemPoint(
              instant(r, "t"),
              r.getDouble("cpu"),
              r.getDouble("mem_used"),
              r.getDouble("mem_total"),
              r.getDouble("load1")));
    }
    return List.copyOf(out);
  }

  private static List<PerfView.ModelSeries> models(RowSet<Row> rows) {
    Map<String, List<PerfView.ModelPoint>> series = new LinkedHashMap<>();
    for (Row r : rows) {
      series
          .computeIfAbsent(r.getString("model"), k -> new ArrayList<>())
          .add(
              new PerfView.ModelPoint(
                  instant(r, "t"), r.getDouble("tps"), r.getLong("requests"), r.getLong("errors")));
    }
    List<PerfView.ModelSeries> out = new ArrayList<>();
    series.forEach(
        (model, points) -> out.add(new PerfView.ModelSeries(model, List.copyOf(points))));
    return List.copyOf(out);
  }

  private static Tuple window(String hostId, Instant from, Instant to, long stepSeconds) {
    Sql sql = new Sql();
    sql.param(hostId);
    sql.param(from);
    sql.param(to);
    sql.param(stepSeconds);
    return sql.tuple();
  }

  private static Instant instant(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant();
  }
}
