package dev.boocontrol.cockpit.query;

import dev.boocontrol.cockpit.core.Resolution;
import dev.boocontrol.cockpit.core.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Per-model and per-host request statistics: over raw {@code request_activity} for ranges up to
 * {@link Resolution#STATS_RAW_LIMIT}, over {@code request_rollups_5m} beyond. From rollups the
 * average speed is weighted by each bucket's requests and the median is the median of the bucket
 * medians: close to, not equal to, the raw figures.
 */
@ApplicationScoped
public class StatsQueries {

  private static final String RAW =
      """
      SELECT %s AS key,
             count(*) AS requests,
             count(*) FILTER (WHERE resp_status_code >= 400 OR resp_status_code <= 0) AS errors,
             COALESCE(sum(input_tokens) FILTER (WHERE input_tokens > 0), 0)::bigint
               AS input_tokens,
             COALESCE(sum(output_tokens) FILTER (WHERE output_tokens > 0), 0)::bigint
               AS output_tokens,
             COALESCE(sum(cache_tokens) FILTER (WHERE cache_tokens > 0), 0)::bigint
               AS cache_tokens,
             avg(tokens_per_second) FILTER (WHERE tokens_per_second > 0) AS tps_avg,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY tokens_per_second)
               FILTER (WHERE tokens_per_second > 0) AS tps_p50,
             avg(duration_ms)::float8 AS duration_avg
      FROM request_activity
      WHERE finished_at >= %s AND finished_at < %s
      """;

  private static final String ROLLUP =
      """
      SELECT %s AS key,
             sum(requests)::bigint AS requests,
             sum(errors)::bigint AS errors,
             sum(input_tokens)::bigint AS input_tokens,
             sum(output_tokens)::bigint AS output_tokens,
             sum(cache_tokens)::bigint AS cache_tokens,
             sum(tokens_per_second_avg * requests)
               / NULLIF(sum(requests) FILTER (WHERE tokens_per_second_avg IS NOT NULL), 0)
               AS tps_avg,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY tokens_per_second_p50) AS tps_p50,
             sum(duration_ms_avg * requests) / NULLIF(sum(requests), 0) AS duration_avg
      FROM request_rollups_5m
      WHERE bucket_start >= %s AND bucket_start < %s
      """;

  private final Pool pool;

  StatsQueries(Pool pool) {
    this.pool = pool;
  }

  /** Per model, over the given hosts (all when empty). */
  public Uni<StatsView<ModelStats>> models(TimeRange range, List<String> hosts) {
    Resolution resolution = Resolution.choose(range, Resolution.STATS_RAW_LIMIT);
    Sql sql = grouped(new Sql(), "model", range, resolution, hosts);
    return run(
        sql.append("\nGROUP BY 1 ORDER BY requests DESC, key"),
        range,
        resolution,
        r ->
            new ModelStats(
                r.getString("key"),
                r.getLong("requests"),
                r.getLong("errors"),
                r.getLong("input_tokens"),
                r.getLong("output_tokens"),
                r.getLong("cache_tokens"),
                r.getDouble("tps_avg"),
                r.getDouble("tps_p50"),
                r.getDouble("duration_avg")));
  }

  /** Per host. */
  public Uni<StatsView<HostStats>> hosts(TimeRange range) {
    Resolution resolution = Resolution.choose(range, Resolution.STATS_RAW_LIMIT);
    Sql sql = new Sql().append("SELECT s.*, h.display_name FROM (\n");
    grouped(sql, "host_id", range, resolution, List.of())
        .append("\nGROUP BY 1) s LEFT JOIN hosts h ON h.id = s.key")
        .append("\nORDER BY s.requests DESC, s.key");
    return run(
        sql,
        range,
        resolution,
        r ->
            new HostStats(
                r.getString("key"),
                r.getString("display_name"),
                r.getLong("requests"),
                r.getLong("errors"),
                r.getLong("input_tokens"),
                r.getLong("output_tokens"),
                r.getLong("cache_tokens"),
                r.getDouble("tps_avg"),
                r.getDouble("tps_p50"),
                r.getDouble("duration_avg")));
  }

  /** Appends the aggregate over the range, grouped by nothing yet; {@code key} is a column name. */
  private static Sql grouped(
      Sql sql, String key, TimeRange range, Resolution resolution, List<String> hosts) {
    String from;
    String to;
    String template;
    if (resolution == Resolution.RAW) {
      from = sql.param(range.from());
      template = RAW;
    } else {
      // every bucket that overlaps the range
      from = sql.param(Resolution.rollupBucket(range.from()));
      template = ROLLUP;
    }
    to = sql.param(range.to());
    sql.append(template.formatted(key, from, to));
    if (!hosts.isEmpty()) {
      sql.append("  AND host_id = ANY(").append(sql.param(hosts)).append("::text[])");
    }
    return sql;
  }

  private <T> Uni<StatsView<T>> run(
      Sql sql, TimeRange range, Resolution resolution, Function<Row, T> mapper) {
    return pool.preparedQuery(sql.text())
        .execute(sql.tuple())
        .map(
            rows -> {
              List<T> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(mapper.apply(r));
              }
              return new StatsView<>(
                  range.from(), range.to(), resolution.label(), List.copyOf(out));
            });
  }
}
