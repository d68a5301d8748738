package dev.boocontrol.perfingest.service;

import dev.boocontrol.perfingest.config.PerfIngestConfig;
import dev.boocontrol.perfingest.core.Buckets;
import dev.boocontrol.perfingest.core.DeleteChunk;
import dev.boocontrol.perfingest.core.RetentionPlan;
import dev.boocontrol.perfingest.core.RetentionPolicy;
import dev.boocontrol.perfingest.core.RollupCalculator;
import dev.boocontrol.perfingest.repository.RetentionRepository;
import dev.boocontrol.perfingest.repository.RetentionRepository.Trimmed;
import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.lease.JobLocks;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Rollups and retention, once across replicas (a job lock). Each run recomputes the 5-minute
 * rollups of the last {@link #ROLLUP_LOOKBACK} from raw rows (idempotent upserts: the same window
 * gives the same rows), then deletes raw perf samples, activity and rollups past their windows in
 * per-host, per-hour chunks, each its own short transaction.
 */
@ApplicationScoped
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);
  static final String LOCK = "perf-ingest.retention";

  /** Recent buckets are recomputed every run, so late samples still land in their rollup. */
  static final Duration ROLLUP_LOOKBACK = Duration.ofHours(2);

  /** What one run did. */
  public record Report(boolean ran, int rollups, int chunks, long rowsDeleted) {}

  private final PerfIngestConfig config;
  private final RetentionRepository repository;
  private final JobLocks locks;
  private final ServiceConfig service;
  private final Vertx vertx;
  private final RetentionPolicy policy;

  RetentionJob(
      PerfIngestConfig config,
      RetentionRepository repository,
      JobLocks locks,
      ServiceConfig service,
      Vertx vertx) {
    this.config = config;
    this.repository = repository;
    this.locks = locks;
    this.service = service;
    this.vertx = vertx;
    this.policy =
        new RetentionPolicy(
            config.rawPerfRetention(), config.activityRetention(), config.rollupRetention());
  }

  void onStart(@Observes StartupEvent event) {
    vertx.setPeriodic(
        config.retentionInterval().toMillis(),
        t ->
            run(Instant.now())
                .subscribe()
                .with(
                    report -> {
                      if (report.ran()) {
                        LOG.infof(
                            "retention: %d rollups upserted, %d rows deleted in %d chunks",
                            report.rollups(), report.rowsDeleted(), report.chunks());
                      }
                    },
                    failure -> LOG.warnf("retention run failed: %s", failure.getMessage())));
  }

  /** One run at {@code now}; does nothing when another replica holds the lock. */
  public Uni<Report> run(Instant now) {
    return locks
        .tryAcquire(LOCK, service.instanceId(), config.retentionInterval())
        .chain(
            acquired ->
                acquired
                    ? rollups(Buckets.bucketStart(now.minus(ROLLUP_LOOKBACK)), now)
                        .chain(rollups -> trimAll(now).map(trim -> merge(rollups, trim)))
                    : Uni.createFrom().item(new Report(false, 0, 0, 0)));
  }

  /** Recomputes every bucket in [from, to) from raw rows. */
  public Uni<Integer> rollups(Instant from, Instant to) {
    return Uni.combine()
        .all()
        .unis(
            repository.gpuSamples(from, to),
            repository.systemSamples(from, to),
            repository.activity(from, to))
        .asTuple()
        .chain(
            rows -> {
              var gpus = RollupCalculator.gpu(rows.getItem1());
              var systems = RollupCalculator.system(rows.getItem2());
              var requests = RollupCalculator.requests(rows.getItem3());
              return repository
                  .upsert(gpus, systems, requests)
                  .replaceWith(gpus.size() + systems.size() + requests.size());
            });
  }

  private Uni<Report> trimAll(Instant now) {
    return Multi.createFrom()
        .items(
            new Object[] {Trimmed.GPU_SAMPLES, policy.rawPerfCutoff(now)},
            new Object[] {Trimmed.SYSTEM_SAMPLES, policy.rawPerfCutoff(now)},
            new Object[] {Trimmed.REQUEST_ACTIVITY, policy.activityCutoff(now)},
            new Object[] {Trimmed.GPU_ROLLUPS, policy.rollupsCutoff(now)},
            new Object[] {Trimmed.SYSTEM_ROLLUPS, policy.rollupsCutoff(now)},
            new Object[] {Trimmed.REQUEST_ROLLUPS, policy.rollupsCutoff(now)})
        .onItem()
        .transformToUniAndConcatenate(t -> trim((Trimmed) t[0], (Instant) t[1]))
        .collect()
        .in(
            () -> new long[2],
            (acc, r) -> {
              acc[0] += r.chunks();
              acc[1] += r.rowsDeleted();
            })
        .map(acc -> new Report(true, 0, (int) acc[0], acc[1]));
  }

  private Uni<Report> trim(Trimmed table, Instant cutoff) {
    return repository
        .oldestPerHost(table)
        .chain(
            oldest -> {
              List<DeleteChunk> chunks = RetentionPlan.chunks(oldest, cutoff, Duration.ofHours(1));
              return Multi.createFrom()
                  .iterable(chunks)
                  .onItem()
                  .transformToUniAndConcatenate(c -> repository.delete(table, c))
                  .collect()
                  .with(java.util.stream.Collectors.summingLong(Integer::longValue))
                  .map(deleted -> new Report(true, 0, chunks.size(), deleted));
            });
  }

  private static Report merge(int rollups, Report trim) {
    return new Report(true, rollups, trim.chunks(), trim.rowsDeleted());
  }
}
