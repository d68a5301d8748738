package dev.boocontrol.perfingest.service;

import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.PerfSampled;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.perfingest.core.GpuRow;
import dev.boocontrol.perfingest.core.PerfBatch;
import dev.boocontrol.perfingest.core.PollOutcome;
import dev.boocontrol.perfingest.core.PollStatus;
import dev.boocontrol.perfingest.core.SystemRow;
import dev.boocontrol.perfingest.messaging.PerfPublisher;
import dev.boocontrol.perfingest.repository.PerfRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Polls one owned host's {@code /api/performance?after=<watermark>}, stores the samples and
 * publishes them. A host with performance disabled is re-checked slowly and reported once as
 * "disabled", never as an error loop; failures back off (decided by {@link PollOutcome}).
 */
final class HostPerfLoop {

  private static final Logger LOG = Logger.getLogger(HostPerfLoop.class);

  private final String hostId;
  private final LlamaSwapClient client;
  private final PerfRepository repository;
  private final PerfPublisher publisher;
  private final Vertx vertx;
  private final Duration interval;
  private Optional<Instant> watermark = Optional.empty();
  private final PollStatus status = new PollStatus();
  private long timer = -1;
  private volatile boolean stopped;

  HostPerfLoop(
      String hostId,
      LlamaSwapClient client,
      PerfRepository repository,
      PerfPublisher publisher,
      Vertx vertx,
      Duration interval) {
    this.hostId = hostId;
    this.client = client;
    this.repository = repository;
    this.publisher = publisher;
    this.vertx = vertx;
    this.interval = interval;
  }

  Uni<Void> start() {
    return repository
        .watermark(hostId)
        .invoke(
            w -> {
              watermark = w; // empty on a fresh install: the host's whole hour is ingested
              schedule(Duration.ofMillis(1));
            })
        .replaceWithVoid();
  }

  Uni<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return client.close();
  }

  private void schedule(Duration delay) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> poll());
    }
  }

  private void poll() {
    client
        .performance(watermark)
        .map(perf -> PerfBatch.of(hostId, perf, watermark))
        .chain(batch -> batch.disabled() ? Uni.createFrom().item(batch) : store(batch))
        .subscribe()
        .with(
            batch -> {
              PollOutcome outcome =
                  batch.disabled()
                      ? PollOutcome.of(503, true, Optional.empty())
                      : PollOutcome.of(200, false, Optional.empty());
              settle(outcome);
            },
            failure -> settle(PollOutcome.ofFailure(failure)));
  }

  private Uni<PerfBatch> store(PerfBatch batch) {
    if (batch.gpuRows().isEmpty() && batch.systemRows().isEmpty()) {
      return Uni.createFrom().item(batch);
    }
    return repository
        .store(batch)
        .invoke(() -> watermark = batch.newWatermark())
        .chain(
            () ->
                publisher.publish(
                    FleetEvents.PERF_SAMPLED,
                    hostId,
                    Instant.now(),
                    new PerfSampled(
                        hostId, "ok", gpus(batch.gpuRows()), systems(batch.systemRows()))))
        .replaceWith(batch);
  }

  private void settle(PollOutcome outcome) {
    PollStatus.Step step = status.after(outcome, interval);
    step.announce()
        .ifPresent(
            announced -> {
              LOG.infof("host %s: performance %s", hostId, outcome.label());
              publisher
                  .publish(
                      FleetEvents.PERF_SAMPLED,
                      hostId,
                      Instant.now(),
                      new PerfSampled(hostId, announced, List.of(), List.of()))
                  .subscribe()
                  .with(ok -> {}, f -> {});
            });
    schedule(step.nextPollIn());
  }

  private static List<PerfSampled.Gpu> gpus(List<GpuRow> rows) {
    return rows.stream()
        .map(
            g ->
                new PerfSampled.Gpu(
                    g.gpuIndex(),
                    g.sampledAt(),
                    g.name(),
                    g.tempC(),
                    g.gpuUtilPct(),
                    g.memUsedMb(),
                    g.memTotalMb(),
                    g.powerDrawW()))
        .toList();
  }

  private static List<PerfSampled.System> systems(List<SystemRow> rows) {
    return rows.stream()
        .map(
            s ->
                new PerfSampled.System(
                    s.sampledAt(),
                    Double.isNaN(s.cpuUtilPct()) ? 0 : s.cpuUtilPct(),
                    s.memUsedMb(),
                    s.memTotalMb(),
                    s.loadAvg1()))
        .toList();
  }
}
