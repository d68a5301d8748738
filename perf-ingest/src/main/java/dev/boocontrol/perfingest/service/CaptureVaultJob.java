package dev.boocontrol.perfingest.service;

import dev.boocontrol.perfingest.config.PerfIngestConfig;
import dev.boocontrol.perfingest.core.VaultRetention;
import dev.boocontrol.perfingest.repository.CaptureVaultRepository;
import dev.boocontrol.platform.config.CaptureVaultConfig;
import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.lease.JobLocks;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Trims the capture vault once across replicas (a job lock, like {@link RetentionJob}): captures
 * past the retention first, then each host's oldest beyond its byte cap. Runs every {@code
 * boocontrol.perf-ingest.retention-interval}.
 */
@ApplicationScoped
public class CaptureVaultJob {

  private static final Logger LOG = Logger.getLogger(CaptureVaultJob.class);
  static final String LOCK = "perf-ingest.capture-vault";

  /** What one run did. */
  public record Report(boolean ran, int expired, int overCap) {}

  private final PerfIngestConfig config;
  private final CaptureVaultRepository repository;
  private final JobLocks locks;
  private final ServiceConfig service;
  private final Vertx vertx;
  private final VaultRetention policy;

  CaptureVaultJob(
      PerfIngestConfig config,
      CaptureVaultConfig vault,
      CaptureVaultRepository repository,
      JobLocks locks,
      ServiceConfig service,
      Vertx vertx) {
    this.config = config;
    this.repository = repository;
    this.locks = locks;
    this.service = service;
    this.vertx = vertx;
    this.policy = new VaultRetention(vault.retention(), vault.maxBytesPerHost());
  }

  void onStart(@Observes StartupEvent event) {
    vertx.setPeriodic(
        config.retentionInterval().toMillis(),
        t ->
            run(Instant.now())
                .subscribe()
                .with(
                    report -> {
                      if (report.ran() && report.expired() + report.overCap() > 0) {
                        LOG.infof(
                            "capture vault: %d expired and %d over the per-host cap deleted",
                            report.expired(), report.overCap());
                      }
                    },
                    failure -> LOG.warnf("capture vault trim failed: %s", failure.getMessage())));
  }

  /** One run at {@code now}; does nothing when another replica holds the lock. */
  public Uni<Report> run(Instant now) {
    return locks
        .tryAcquire(LOCK, service.instanceId(), config.retentionInterval())
        .chain(
            acquired ->
                acquired
                    ? repository
                        .deleteOlderThan(policy.cutoff(now))
                        .chain(
                            expired ->
                                repository
                                    .deleteOverCap(policy.maxBytesPerHost())
                                    .map(over -> new Report(true, expired, over)))
                    : Uni.createFrom().item(new Report(false, 0, 0)));
  }
}
