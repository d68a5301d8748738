package dev.boocontrol.perfingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.perfingest.core.Buckets;
import dev.boocontrol.perfingest.service.RetentionJob;
import dev.boocontrol.platform.testing.BootHostsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollups and retention against the real database. */
@QuarkusTest
@QuarkusTestResource(value = BootHostsResource.class, restrictToAnnotatedClass = true)
class RetentionJobIT {

  @Inject Pool pool;
  @Inject RetentionJob job;

  private String host;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Instant bucket = Buckets.bucketStart(now.minus(Duration.ofMinutes(30)));

  private void exec(String sql, Object... args) {
    pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(5));
  }

  private List<String> dump(String sql) {
    List<String> out = new ArrayList<>();
    for (Row r :
        pool.preparedQuery(sql).execute(Tuple.of(host)).await().atMost(Duration.ofSeconds(5))) {
      out.add(r.toJson().encode());
    }
    return out;
  }

  private long count(String sql) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(host))
        .await()
        .atMost(Duration.ofSeconds(5))
        .iterator()
        .next()
        .getLong(0);
  }

  @BeforeEach
  void seed() {
    host = "ret-" + UUID.randomUUID().toString().substring(0, 8);
    exec(
        "INSERT INTO hosts (id, display_name, base_url, kind, enabled)"
            + " VALUES ($1, $1, 'http://h', 'llama-swap', false)",
        host);
    exec("INSERT INTO host_epochs (host_id, epoch, reason) VALUES ($1, 1, 'test')", host);
    // ten old GPU samples, one per hour three days ago: ten delete chunks
    for (int h = 0; h < 10; h++) {
      gpu(now.minus(Duration.ofDays(3)).plus(Duration.ofHours(h)), 50, 150, 2000);
    }
    // two recent samples in one 5-minute bucket
    gpu(bucket.plusSeconds(10), 40, 100, 1000);
    gpu(bucket.plusSeconds(20), 60, 200, 3000);
    exec(
        "INSERT INTO system_samples (host_id, sampled_at, cpu_util_pct, mem_used_mb, load_avg_1)"
            + " VALUES ($1, $2, 20, 1000, 0.5)",
        host,
        bucket.plusSeconds(10).atOffset(ZoneOffset.UTC));
    activity(1, now.minus(Duration.ofDays(40)), 200, 10);
    activity(2, bucket.plusSeconds(30), 200, 10);
    activity(3, bucket.plusSeconds(40), 200, 30);
    activity(4, bucket.plusSeconds(50), 500, 0);
  }

  private void gpu(Instant at, double temp, double power, double mem) {
    exec(
        "INSERT INTO gpu_samples (host_id, gpu_index, sampled_at, temp_c, gpu_util_pct, mem_used_mb,"
            + " mem_total_mb, power_draw_w) VALUES ($1, 0, $2, $3, 10, $4, 24576, $5)",
        host,
        at.atOffset(ZoneOffset.UTC),
        temp,
        mem,
        power);
  }

  private void activity(long id, Instant at, int status, double tps) {
    exec(
        "INSERT INTO request_activity (host_id, epoch, activity_id, finished_at, model, req_path,"
            + " resp_status_code, input_tokens, output_tokens, cache_tokens, prompt_per_second,"
            + " tokens_per_second, duration_ms, source) VALUES ($1, 1, $2, $3, 'm', '/v1/chat/completions',"
            + " $4, 100, 20, -1, 500, $5, 1000, 'direct')",
        host,
        id,
        at.atOffset(ZoneOffset.UTC),
        status,
        tps);
  }

  @Test
  void rollupsOfTheSameWindowAreIdentical() {
    job.rollups(bucket, now).await().atMost(Duration.ofSeconds(10));
    List<String> gpu =
        dump("SELECT * FROM gpu_rollups_5m WHERE host_id = $1 ORDER BY bucket_start");
    List<String> requests =
        dump("SELECT * FROM request_rollups_5m WHERE host_id = $1 ORDER BY bucket_start");
    job.rollups(bucket, now).await().atMost(Duration.ofSeconds(10));
    assertThat(dump("SELECT * FROM gpu_rollups_5m WHERE host_id = $1 ORDER BY bucket_start"))
        .isEqualTo(gpu);
    assertThat(dump("SELECT * FROM request_rollups_5m WHERE host_id = $1 ORDER BY bucket_start"))
        .isEqualTo(requests);

    Row g =
        pool.preparedQuery("SELECT * FROM gpu_rollups_5m WHERE host_id = $1")
            .execute(Tuple.of(host))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next();
    assertThat(g.getInteger("samples")).isEqualTo(2);
    assertThat(g.getDouble("temp_c_avg")).isEqualTo(50.0);
    assertThat(g.getDouble("temp_c_max")).isEqualTo(60.0);
    assertThat(g.getDouble("power_w_avg")).isEqualTo(150.0);
    assertThat(g.getDouble("mem_used_mb_max")).isEqualTo(3000.0);
    Row q =
        pool.preparedQuery("SELECT * FROM request_rollups_5m WHERE host_id = $1")
            .execute(Tuple.of(host))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next();
    assertThat(q.getInteger("requests")).isEqualTo(3);
    assertThat(q.getInteger("errors")).isEqualTo(1);
    assertThat(q.getLong("output_tokens")).isEqualTo(60);
    assertThat(q.getLong("cache_tokens")).as("-1 means unknown, never summed").isZero();
    assertThat(q.getDouble("tokens_per_second_p50")).isEqualTo(20.0);
    assertThat(count("SELECT count(*) FROM system_rollups_5m WHERE host_id = $1")).isEqualTo(1);
  }

  @Test
  void oldRowsGoInHourlyChunksAndRecentOnesStay() {
    RetentionJob.Report report = job.run(now).await().atMost(Duration.ofSeconds(30));
    assertThat(report.ran()).isTrue();
    assertThat(report.chunks()).isGreaterThanOrEqualTo(11); // ten GPU hours, one activity hour
    assertThat(count("SELECT count(*) FROM gpu_samples WHERE host_id = $1")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM request_activity WHERE host_id = $1")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM gpu_rollups_5m WHERE host_id = $1")).isEqualTo(1);
    // a second run deletes nothing more of this host
    job.run(now).await().atMost(Duration.ofSeconds(30));
    assertThat(count("SELECT count(*) FROM gpu_samples WHERE host_id = $1")).isEqualTo(2);
  }
}
