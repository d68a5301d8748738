package dev.boocontrol.fleetconnector.service;

import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.CaptureEvents;
import dev.boocontrol.contracts.events.CaptureRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.GapSuspected;
import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.InflightChanged;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.LogLines;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.fleetconnector.config.FleetConnectorConfig;
import dev.boocontrol.fleetconnector.core.Attribution;
import dev.boocontrol.fleetconnector.core.Backoff;
import dev.boocontrol.fleetconnector.core.CaptureVaulting;
import dev.boocontrol.fleetconnector.core.EpochEvent;
import dev.boocontrol.fleetconnector.core.EpochTracker;
import dev.boocontrol.fleetconnector.core.HostInfos;
import dev.boocontrol.fleetconnector.core.LivenessChange;
import dev.boocontrol.fleetconnector.core.LivenessMachine;
import dev.boocontrol.fleetconnector.core.LivenessPolicy;
import dev.boocontrol.fleetconnector.core.ModelChange;
import dev.boocontrol.fleetconnector.core.ModelStatusDiffer;
import dev.boocontrol.fleetconnector.core.RecentInflight;
import dev.boocontrol.fleetconnector.core.SourceAttributor;
import dev.boocontrol.fleetconnector.messaging.FleetPublisher;
import dev.boocontrol.fleetconnector.repository.EpochRepository.ResumePoint;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.llamaswap.core.event.DecodedEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent;
import dev.boocontrol.llamaswap.core.event.MalformedEvent;
import dev.boocontrol.llamaswap.core.model.ActivityQuery;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.Capture;
import dev.boocontrol.llamaswap.core.model.InflightEntry;
import dev.boocontrol.llamaswap.core.model.InflightUpdate;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.Version;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Reads one owned llama-swap host: its {@code /api/events} stream, the activity rows behind each
 * {@code activity {id}} notice and after every reconnect, and a {@code /health} probe on a separate
 * connection. Decisions live in the pure core (liveness, epochs and gaps, model diffs, source
 * attribution); this class only wires I/O to them. State is touched under this object's lock, never
 * while waiting for I/O.
 */
final class HostConnector {

  private static final Logger LOG = Logger.getLogger(HostConnector.class);

  private final String hostId;
  private final LlamaSwapClient client;
  private final FleetPublisher publisher;
  private final FleetConnectorConfig config;
  private final Vertx vertx;
  private final Counter malformed;
  private final Optional<CaptureVaulting> vaulting;
  private final Counter vaultSkipped;

  private final LivenessMachine liveness;
  private final Backoff backoff;
  private final ModelStatusDiffer differ = new ModelStatusDiffer();
  private final RecentInflight recentInflight = new RecentInflight(512);
  private final SourceAttributor attributor = new SourceAttributor();
  private final EpochTracker tracker;

  private Cancellable stream;
  private int logDataOnThisConnection;
  private boolean fetching;
  private boolean fetchAgain;
  private boolean stopped;
  private boolean infoRefreshing;
  private boolean infoAgain;
  private boolean infoAgainWithVersion;
  private Optional<Version> hostVersion = Optional.empty();
  private long reconnectTimer = -1;
  private final long tickTimer;

  HostConnector(
      String hostId,
      LlamaSwapClient client,
      FleetPublisher publisher,
      FleetConnectorConfig config,
      Vertx vertx,
      Counter malformed,
      Optional<CaptureVaulting> vaulting,
      Counter vaultSkipped,
      Optional<ResumePoint> resume) {
    this.hostId = hostId;
    this.client = client;
    this.publisher = publisher;
    this.config = config;
    this.vertx = vertx;
    this.malformed = malformed;
    this.vaulting = vaulting;
    this.vaultSkipped = vaultSkipped;
    Instant now = Instant.now();
    this.liveness =
        new LivenessMachine(
            new LivenessPolicy(config.failuresBeforeDown(), config.downProbeInterval()), now);
    this.backoff =
        new Backoff(
            Duration.ofMillis(250),
            config.reconnectMaxBackoff(),
            () -> ThreadLocalRandom.current().nextDouble());
    this.tracker =
        resume
            .map(r -> new EpochTracker(r.epoch(), r.capturedAt(), r.cursor(), true))
            .orElseGet(EpochTracker::firstSight);
    this.tickTimer = vertx.setPeriodic(1000, t -> tick());
  }

  String hostId() {
    return hostId;
  }

  synchronized LivenessState state() {
    return liveness.state();
  }

  void start() {
    connect();
  }

  /** Stops reading the host (lease lost or shutdown). */
  synchronized Uni<Void> stop() {
    stopped = true;
    vertx.cancelTimer(tickTimer);
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
    }
    if (stream != null) {
      stream.cancel();
    }
    return client.close();
  }

  // ------------------------------------------------------------------ connection

  private void connect() {
    synchronized (this) {
      reconnectTimer = -1;
      if (stopped || !liveness.mayAttemptConnect(Instant.now())) {
        return;
      }
    }
    // The hardware capture time tells a restart apart; hosts before v247 have none.
    processStart().onFailure().recoverWithItem(Optional.empty()).subscribe().with(this::openStream);
  }

  /** The host process's start from {@code /api/hardware}; empty on hosts before v247. */
  private Uni<Optional<Instant>> processStart() {
    return client
        .hardware()
        .ifNoItem()
        .after(config.requestTimeout())
        .fail()
        .map(h -> Optional.ofNullable(h.capturedAt()).map(t -> t.toInstant()));
  }

  private void openStream(Optional<Instant> capturedAt) {
    List<EpochEvent> epochEvents = new ArrayList<>();
    synchronized (this) {
      if (stopped) {
        return;
      }
      epochEvents.addAll(tracker.onHardware(capturedAt.orElse(null)));
      logDataOnThisConnection = 0;
      stream =
          client
              .events()
              .subscribe()
              .with(this::onEvent, this::onStreamFailure, () -> onStreamEnd("stream closed"));
    }
    publishEpochEvents(epochEvents);
  }

  private void onStreamFailure(Throwable failure) {
    onStreamEnd(reasonOf(failure));
  }

  private void onStreamEnd(String reason) {
    Optional<LivenessChange> change;
    boolean wasOpen;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stream = null;
      wasOpen = liveness.state() == LivenessState.CONNECTED;
      Instant now = Instant.now();
      change = wasOpen ? liveness.streamClosed(now, reason) : liveness.connectFailed(now, reason);
    }
    change.ifPresent(this::publishLiveness);
    scheduleReconnect();
  }

  private synchronized void scheduleReconnect() {
    if (stopped || reconnectTimer >= 0) {
      return;
    }
    if (!liveness.mayAttemptConnect(Instant.now())) {
      return; // down: the half-open probe decides when to try again
    }
    long delay = Math.max(1, backoff.next().toMillis());
    reconnectTimer = vertx.setTimer(delay, t -> connect());
  }

  /** Every second: probes that are due (half-open detection, or whether a down host is back). */
  private void tick() {
    Instant now = Instant.now();
    synchronized (this) {
      if (stopped || !liveness.probeDue(now, config.healthProbeInterval())) {
        return;
      }
      liveness.probed(now);
    }
    client
        .health()
        .ifNoItem()
        .after(config.requestTimeout())
        .fail()
        .onFailure()
        .recoverWithItem(false)
        .subscribe()
        .with(this::onProbe);
  }

  private void onProbe(boolean healthy) {
    Optional<LivenessChange> change;
    boolean dropStream = false;
    boolean reconnect = false;
    boolean sweep;
    synchronized (this) {
      if (stopped) {
        return;
      }
      Instant now = Instant.now();
      LivenessState before = liveness.state();
      change =
          healthy ? liveness.probeSucceeded(now) : liveness.probeFailed(now, "health probe failed");
      if (!healthy && before == LivenessState.CONNECTED && stream != null) {
        // A silent stream whose host fails /health is half-open: drop it and reconnect.
        stream.cancel();
        stream = null;
        dropStream = true;
      }
      if (healthy && before == LivenessState.DOWN) {
        reconnect = true;
      }
      sweep = healthy && before == LivenessState.CONNECTED && stream != null;
    }
    change.ifPresent(this::publishLiveness);
    if (dropStream || reconnect) {
      scheduleReconnect();
    }
    if (sweep) {
      sweep();
    }
  }

  /**
   * The safety net behind the event stream: a stream can stall without closing (§19.8) and notices
   * can be dropped, so every healthy probe also checks the process start and fetches whatever rows
   * came after the cursor. Usually that is one empty page.
   */
  private void sweep() {
    processStart()
        .subscribe()
        .with(
            capturedAt -> {
              List<EpochEvent> events;
              synchronized (this) {
                if (stopped) {
                  return;
                }
                events = tracker.onHardware(capturedAt.orElse(null));
              }
              publishEpochEvents(events);
              requestFetch();
            },
            failure -> LOG.debugf("host %s: sweep skipped: %s", hostId, reasonOf(failure)));
  }

  // ------------------------------------------------------------------ events

  private void onEvent(DecodedEvent event) {
    Instant now = Instant.now();
    Optional<LivenessChange> opened = Optional.empty();
    synchronized (this) {
      if (stopped) {
        return;
      }
      if (liveness.state() != LivenessState.CONNECTED) {
        opened = liveness.streamOpened(now);
        backoff.reset();
      }
      liveness.streamData(now);
    }
    if (opened.isPresent()) {
      publishLiveness(opened.get());
      reconcile(); // whatever happened while we were away
      refreshHostInfo(true); // the process may have been upgraded while we were away
    }
    if (event instanceof MalformedEvent bad) {
      malformed.increment();
      LOG.warnf(
          "host %s: malformed %s event skipped (%s): %s",
          hostId, bad.type(), bad.reason(), bad.excerpt());
    } else if (event instanceof LlamaSwapEvent.ModelStatusEvent status) {
      List<ModelChange> changes;
      synchronized (this) {
        changes = differ.apply(status.models(), now);
      }
      for (ModelChange c : changes) {
        publish(
            FleetEvents.MODEL_TRANSITION,
            now,
            new ModelTransition(hostId, c.modelId(), c.fromState(), c.toState(), now, c.swap()));
      }
      if (changes.stream().anyMatch(c -> "ready".equals(c.toState()))) {
        refreshHostInfo(false); // a newly loaded model: its TTL is on /running now
      }
    } else if (event instanceof LlamaSwapEvent.LogDataEvent log) {
      boolean history;
      synchronized (this) {
        // The first proxy and upstream writes of a connection replay the log rings.
        history = logDataOnThisConnection++ < 2;
      }
      publish(
          FleetEvents.LOG_LINES,
          now,
          new LogLines(hostId, log.log().source(), log.log().data(), history));
    } else if (event instanceof LlamaSwapEvent.ActivityEvent activity) {
      synchronized (this) {
        tracker.onActivityNotice(activity.notice().id());
      }
      requestFetch();
    } else if (event instanceof LlamaSwapEvent.InflightEvent inflight) {
      onInflight(inflight.update(), now);
    }
    // Other types (uiConfig, profileChanged, unknown ones) are not ours to handle.
  }

  private void onInflight(InflightUpdate update, Instant now) {
    InflightChanged changed;
    synchronized (this) {
      if (update instanceof InflightUpdate.Snapshot snapshot) {
        snapshot.requests().forEach(recentInflight::remember);
        changed = new InflightChanged(hostId, "snapshot", summaries(snapshot.requests()), null);
      } else if (update instanceof InflightUpdate.Upsert upsert) {
        recentInflight.remember(upsert.request());
        changed = new InflightChanged(hostId, "upsert", summaries(List.of(upsert.request())), null);
      } else if (update instanceof InflightUpdate.Remove remove) {
        changed = new InflightChanged(hostId, "remove", List.of(), remove.id());
      } else {
        return;
      }
    }
    publish(FleetEvents.INFLIGHT_CHANGED, now, changed);
  }

  private static List<InflightChanged.InflightRequest> summaries(List<InflightEntry> entries) {
    List<InflightChanged.InflightRequest> out = new ArrayList<>();
    for (InflightEntry e : entries) {
      out.add(
          new InflightChanged.InflightRequest(
              e.id(),
              e.timestamp() == null ? null : e.timestamp().toInstant(),
              e.model(),
              e.reqPath(),
              e.method(),
              e.respBytes(),
              e.elapsedMs(),
              SourceAttributor.sourceIn(e.reqHeaders())));
    }
    return out;
  }

  // ------------------------------------------------------------------ host info

  /**
   * Publishes {@code host.info}: the llama-swap version (asked once per connection, {@code
   * withVersion}) and the TTLs on {@code /running}. One refresh at a time; a request meanwhile runs
   * once more after it. Failures never touch the connection: a version that cannot be read is
   * published as null, a {@code /running} that cannot be read as no TTLs.
   */
  private void refreshHostInfo(boolean withVersion) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      if (infoRefreshing) {
        infoAgain = true;
        infoAgainWithVersion |= withVersion;
        return;
      }
      infoRefreshing = true;
    }
    Uni<Optional<Version>> version =
        withVersion
            ? client
                .versionIfServed()
                .ifNoItem()
                .after(config.requestTimeout())
                .fail()
                .onFailure()
                .recoverWithItem(
                    failure -> {
                      LOG.debugf("host %s: version unavailable: %s", hostId, reasonOf(failure));
                      return Optional.empty();
                    })
                .invoke(
                    v -> {
                      synchronized (this) {
                        hostVersion = v;
                      }
                    })
            : Uni.createFrom().item(this::knownVersion);
    Uni<Optional<Running>> running =
        client
            .running()
            .ifNoItem()
            .after(config.requestTimeout())
            .fail()
            .map(Optional::of)
            .onFailure()
            .recoverWithItem(
                failure -> {
                  LOG.debugf("host %s: /running unavailable: %s", hostId, reasonOf(failure));
                  return Optional.empty();
                });
    Uni.combine()
        .all()
        .unis(version, running)
        .asTuple()
        .subscribe()
        .with(
            t -> {
              Instant now = Instant.now();
              HostInfo info = HostInfos.of(hostId, t.getItem1(), t.getItem2(), now);
              publish(FleetEvents.HOST_INFO, now, info);
              hostInfoDone();
            },
            failure -> {
              LOG.debugf("host %s: host info skipped: %s", hostId, reasonOf(failure));
              hostInfoDone();
            });
  }

  private synchronized Optional<Version> knownVersion() {
    return hostVersion;
  }

  private void hostInfoDone() {
    boolean again;
    boolean withVersion;
    synchronized (this) {
      infoRefreshing = false;
      again = infoAgain && !stopped;
      withVersion = infoAgainWithVersion;
      infoAgain = false;
      infoAgainWithVersion = false;
    }
    if (again) {
      refreshHostInfo(withVersion);
    }
  }

  // ------------------------------------------------------------------ activity

  /**
   * After a (re)connect: learn whether ids went backwards (a restart on a host without
   * /api/hardware), then fetch everything after the cursor.
   */
  private void reconcile() {
    client
        .activity(ActivityQuery.builder().limit(1).order(ActivityQuery.Order.DESC).build())
        .ifNoItem()
        .after(config.requestTimeout())
        .fail()
        .subscribe()
        .with(
            page -> {
              long latest = page.data().isEmpty() ? 0 : page.data().get(0).id();
              List<EpochEvent> events;
              synchronized (this) {
                events = tracker.onFetchedRows(List.of(), latest);
              }
              publishEpochEvents(events);
              requestFetch();
            },
            failure -> {
              LOG.debugf("host %s: latest activity id unavailable: %s", hostId, reasonOf(failure));
              requestFetch();
            });
  }

  /**
   * Coalesces notices: one fetch at a time, and one more if notices came meanwhile. A fetch reads
   * one page (up to 999 rows) and publishes it before the next page is read, so under sustained
   * load rows flow page by page instead of piling up in memory until the host pauses.
   */
  private void requestFetch() {
    long from;
    synchronized (this) {
      if (stopped) {
        return;
      }
      if (fetching) {
        fetchAgain = true;
        return;
      }
      fetching = true;
      fetchAgain = false;
      from = tracker.cursor();
    }
    client
        .activity(ActivityQuery.after(from))
        .ifNoItem()
        .after(config.requestTimeout())
        .fail()
        .chain(
            page -> {
              List<ActivityRow> rows = page.data();
              boolean more = rows.size() == ActivityQuery.MAX_LIMIT;
              long fetchedAt = System.nanoTime();
              return attributeAndPublish(rows)
                  .invoke(
                      () ->
                          LOG.debugf(
                              "host %s: %d rows fetched, published in %d ms",
                              hostId, rows.size(), (System.nanoTime() - fetchedAt) / 1_000_000))
                  .replaceWith(more);
            })
        .subscribe()
        .with(
            more -> {
              if (more) {
                synchronized (this) {
                  fetchAgain = true;
                }
              }
              fetchDone();
            },
            failure -> {
              LOG.warnf("host %s: activity fetch failed: %s", hostId, reasonOf(failure));
              fetchDone();
            });
  }

  private void fetchDone() {
    boolean again;
    synchronized (this) {
      fetching = false;
      again = fetchAgain && !stopped;
    }
    if (again) {
      requestFetch();
    }
  }

  private Uni<Void> attributeAndPublish(List<ActivityRow> fetched) {
    List<ActivityRow> rows = new ArrayList<>(fetched);
    rows.sort(Comparator.comparingLong(ActivityRow::id));
    List<EpochEvent> epochEvents;
    int epoch;
    Instant capturedAt;
    long before;
    synchronized (this) {
      before = tracker.cursor();
      epochEvents = tracker.onFetchedRows(rows.stream().map(ActivityRow::id).toList(), -1);
      epoch = tracker.epoch();
      capturedAt = tracker.capturedAt();
    }
    publishEpochEvents(epochEvents);
    boolean newEpoch = epochEvents.stream().anyMatch(e -> e instanceof EpochEvent.NewEpoch);
    List<ActivityRow> fresh = rows.stream().filter(r -> newEpoch || r.id() > before).toList();
    if (fresh.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    long resumeFrom = newEpoch ? 0 : before;
    // Captures are fetched a few at a time; rows are then published in id order.
    // A backlog this long means the host is busy: its captures are not fetched (attribution falls
    // back to inflight headers) rather than adding load to it.
    boolean busy = fresh.size() > config.captureSkipAbove();
    Uni<Void> published =
        Multi.createFrom()
            .iterable(fresh)
            .onItem()
            .transformToUni(row -> fetchCapture(row, busy).map(c -> Map.entry(row, c)))
            .merge(config.captureFetchConcurrency())
            .collect()
            .asList()
            .chain(
                attributed -> {
                  attributed.sort(Comparator.comparingLong(e -> e.getKey().id()));
                  // Sent back to back and awaited together: the producer keeps one host's records
                  // in order (idempotent, one partition per host key).
                  List<Uni<Void>> sends = new ArrayList<>(attributed.size());
                  for (Map.Entry<ActivityRow, Optional<Capture>> e : attributed) {
                    // The vault copy goes first: a row whose capture was vaulted can be inspected
                    // as soon as it is seen. A failed send rewinds both (the vault key is the
                    // row's).
                    e.getValue()
                        .flatMap(c -> vaultEvent(e.getKey(), c, epoch))
                        .ifPresent(
                            v ->
                                sends.add(
                                    publisher.publish(
                                        CaptureEvents.CAPTURE_RECORDED,
                                        hostId,
                                        v.finishedAt(),
                                        v)));
                    ActivityRecorded recorded =
                        recorded(
                            e.getKey(),
                            e.getValue().flatMap(Capture::requestHeaders),
                            epoch,
                            capturedAt);
                    sends.add(
                        publisher.publish(
                            FleetEvents.ACTIVITY_RECORDED,
                            hostId,
                            recorded.finishedAt(),
                            recorded));
                  }
                  return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
                });
    // Not acknowledged by Kafka: rewind so the next notice or reconnect fetches them again.
    return published
        .onFailure()
        .invoke(
            failure -> {
              synchronized (this) {
                tracker.rewind(epoch, resumeFrom);
              }
            });
  }

  private Optional<CaptureRecorded> vaultEvent(ActivityRow row, Capture capture, int epoch) {
    if (vaulting.isEmpty()) {
      return Optional.empty();
    }
    Optional<CaptureRecorded> event =
        vaulting.get().event(hostId, epoch, row.timestamp().toInstant(), capture);
    if (event.isEmpty()) {
      vaultSkipped.increment();
      LOG.debugf(
          "host %s: capture %d (%d bytes) is over the vault's cap; not vaulted",
          hostId, row.id(), CaptureVaulting.sizeOf(capture));
    }
    return event;
  }

  // The capture holds the request headers (attribution) and is what the vault keeps.
  private Uni<Optional<Capture>> fetchCapture(ActivityRow row, boolean busy) {
    if (!row.hasCapture() || busy) {
      return Uni.createFrom().item(Optional.empty());
    }
    return client
        .capture(row.id())
        .ifNoItem()
        .after(config.requestTimeout())
        .fail()
        .onFailure()
        .recoverWithItem(Optional.empty());
  }

  private ActivityRecorded recorded(
      ActivityRow row, Optional<Map<String, String>> headers, int epoch, Instant capturedAt) {
    Attribution attribution;
    synchronized (this) {
      attribution = attributor.attribute(row, headers, recentInflight);
    }
    var t = row.tokens();
    return new ActivityRecorded(
        hostId,
        epoch,
        capturedAt,
        row.id(),
        row.timestamp().toInstant(),
        row.model(),
        row.reqPath(),
        row.respContentType(),
        row.respStatusCode() == null ? 0 : row.respStatusCode(),
        t.inputTokens(),
        t.outputTokens(),
        t.cacheTokens(),
        t.draftTokens(),
        t.draftAccTokens(),
        t.promptPerSecond(),
        t.tokensPerSecond(),
        row.durationMs(),
        row.hasCapture(),
        row.errorMsg() == null || row.errorMsg().isEmpty() ? null : row.errorMsg(),
        row.metadata() == null ? Map.of() : row.metadata(),
        attribution.source(),
        attribution.kind().wireName());
  }

  // ------------------------------------------------------------------ publishing

  private void publishEpochEvents(List<EpochEvent> events) {
    Instant now = Instant.now();
    for (EpochEvent e : events) {
      if (e instanceof EpochEvent.NewEpoch n) {
        LOG.infof("host %s: epoch %d begins (%s)", hostId, n.epoch(), n.reason());
        publish(
            FleetEvents.EPOCH_STARTED,
            now,
            new EpochStarted(hostId, n.epoch(), n.capturedAt(), n.reason()));
      } else if (e instanceof EpochEvent.Gap g) {
        LOG.warnf(
            "host %s: activity rows %d..%d of epoch %d suspected lost (%s)",
            hostId, g.fromId(), g.toId(), g.epoch(), g.reason());
        publish(
            FleetEvents.GAP_SUSPECTED,
            now,
            new GapSuspected(hostId, g.epoch(), g.fromId(), g.toId(), g.reason(), now));
      }
    }
  }

  private void publishLiveness(LivenessChange change) {
    LOG.infof("host %s: %s -> %s (%s)", hostId, change.from(), change.to(), change.reason());
    publish(
        FleetEvents.HOST_LIVENESS,
        change.at(),
        new HostLiveness(hostId, change.to(), change.lastSeenAt(), change.reason()));
  }

  private <T> void publish(dev.boocontrol.contracts.EventType<T> type, Instant at, T payload) {
    publisher
        .publish(type, hostId, at, payload)
        .subscribe()
        .with(
            ok -> {},
            failure ->
                LOG.warnf(
                    "host %s: could not publish %s: %s", hostId, type.name(), reasonOf(failure)));
  }

  private static String reasonOf(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
