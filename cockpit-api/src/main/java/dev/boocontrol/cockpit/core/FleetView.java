package dev.boocontrol.cockpit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.cockpit.DeltaFrame;
import dev.boocontrol.contracts.cockpit.FrameType;
import dev.boocontrol.contracts.cockpit.GapView;
import dev.boocontrol.contracts.cockpit.HostView;
import dev.boocontrol.contracts.cockpit.ModelView;
import dev.boocontrol.contracts.cockpit.SnapshotFrame;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.GapSuspected;
import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.InflightChanged;
import dev.boocontrol.contracts.events.InflightChanged.InflightRequest;
import dev.boocontrol.contracts.events.JobEvents;
import dev.boocontrol.contracts.events.JobUpdated;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.LogLines;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.contracts.events.PerfSampled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The live state of the fleet as the cockpit shows it, built from a PostgreSQL seed and then from
 * fleet events, and the source of the seq-stamped deltas clients follow. Every applied event yields
 * exactly one delta, numbered per host without holes, so a client can tell that it missed one;
 * duplicates are not filtered out, because a delta that is not sent would leave such a hole.
 *
 * <p>Bad input never throws: an event of an unknown type is ignored (newer producers add types),
 * and a payload that does not decode, or that cannot be applied, is counted in {@link #rejected()}
 * and changes nothing. Not thread-safe: the caller serializes access.
 */
public final class FleetView {

  /** Suspected gaps kept per host: enough to see a pattern, few enough to keep snapshots small. */
  public static final int MAX_GAPS = 20;

  private static final Set<String> INFLIGHT_OPERATIONS = Set.of("snapshot", "upsert", "remove");
  private static final Set<String> PERF_STATUSES = Set.of("ok", "disabled", "unreachable");

  /** Gaps newest first; unknown detection times last. */
  private static final Comparator<GapView> NEWEST_GAP_FIRST =
      Comparator.comparing(
          GapView::detectedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

  private final Map<String, HostState> hosts = new TreeMap<>();
  private final Map<String, Route<?>> routes = new HashMap<>();
  private final LogTail logs;
  private long rejected;

  public FleetView() {
    this(LogTail.DEFAULT_CAPACITY);
  }

  /** With a log tail of {@code logTailLines} lines per host and source. */
  public FleetView(int logTailLines) {
    this.logs = new LogTail(logTailLines);
    route(
        FleetEvents.HOST_LIVENESS,
        FrameType.CONTROL_FLEET,
        l -> l.state() != null,
        FleetView::onLiveness);
    route(
        FleetEvents.MODEL_TRANSITION,
        FrameType.CONTROL_FLEET,
        t -> t.modelId() != null && t.toState() != null,
        FleetView::onTransition);
    route(
        FleetEvents.INFLIGHT_CHANGED,
        FrameType.CONTROL_FLEET,
        FleetView::usable,
        FleetView::onInflight);
    route(
        FleetEvents.EPOCH_STARTED,
        FrameType.CONTROL_FLEET,
        e -> e.epoch() >= 1,
        (host, e) -> host.epoch = e.epoch());
    route(
        FleetEvents.GAP_SUSPECTED,
        FrameType.CONTROL_FLEET,
        g -> g.toId() >= g.fromId(),
        FleetView::onGap);
    route(
        FleetEvents.PERF_SAMPLED,
        FrameType.CONTROL_PERF,
        p -> PERF_STATUSES.contains(p.status()) && noNulls(p.gpus()) && noNulls(p.system()),
        FleetView::onPerf);
    route(FleetEvents.HOST_INFO, FrameType.CONTROL_FLEET, FleetView::usable, FleetView::onHostInfo);
    route(
        FleetEvents.ACTIVITY_RECORDED,
        FrameType.CONTROL_ACTIVITY,
        a -> true,
        FleetView::onActivity);
    routes.put(
        FleetEvents.LOG_LINES.name(),
        new Route<>(
            FleetEvents.LOG_LINES,
            FrameType.CONTROL_LOG,
            null,
            l -> l.text() != null && LogTail.knownSource(l.source()),
            this::onLog));
    // control.jobs is keyed by job id: the host comes from the payload.
    routes.put(
        JobEvents.JOB_UPDATED.name(),
        new Route<>(
            JobEvents.JOB_UPDATED,
            FrameType.CONTROL_JOB,
            JobUpdated::hostId,
            FleetView::usable,
            mutating((host, job) -> host.jobs.apply(job))));
  }

  /**
   * Loads what PostgreSQL knows about a host. Never produces a delta: it is meant for start-up,
   * before any client connects. Seeding a known host replaces the seeded fields and keeps the rest,
   * its seq included, so clients see the change in their next snapshot.
   */
  public void seed(HostSeed seed) {
    HostState host = hosts.computeIfAbsent(seed.hostId(), HostState::new);
    host.displayName = seed.displayName();
    host.baseUrl = seed.baseUrl();
    host.epoch = seed.epoch();
    host.models.clear();
    seed.models()
        .forEach(
            m -> {
              host.models.put(m.modelId(), m);
              if (m.ttlSeconds() != null) {
                host.ttls.put(m.modelId(), m.ttlSeconds());
              }
              host.used(m.modelId(), m.lastUsedAt());
            });
    host.gaps.clear();
    seed.gaps().forEach(g -> addGap(host, g));
    host.jobs.seed(seed.jobs());
  }

  /**
   * Applies one fleet event. The delta carries the event's type name and its payload as received,
   * stamped with the host's next seq; empty for unknown types and rejected payloads. The host is
   * the envelope's key (fleet topics are keyed by host id), or for {@code job.updated} (keyed by
   * job id) the payload's {@code hostId}; one never seen is added with its id only.
   */
  public Optional<DeltaFrame> apply(EventEnvelope event) {
    Route<?> route = routes.get(event.type());
    if (route == null) {
      return Optional.empty();
    }
    return route.apply(event);
  }

  /** All hosts at {@code at}, sorted by host id, each with its current seq. */
  public SnapshotFrame snapshot(Instant at) {
    return SnapshotFrame.of(at, hosts.values().stream().map(HostState::view).toList());
  }

  public Optional<HostView> host(String hostId) {
    return Optional.ofNullable(hosts.get(hostId)).map(HostState::view);
  }

  /** Known host ids, sorted. */
  public Set<String> hostIds() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(hosts.keySet()));
  }

  /** Events of a known type whose payload could not be decoded or applied, since creation. */
  public long rejected() {
    return rejected;
  }

  /**
   * The newest {@code limit} complete log lines of one host and source (proxy or upstream), oldest
   * first, each numbered per host; {@code control_log} deltas carry the lines they complete with
   * the same numbers, so a client joins the tail and the live lines without duplicates.
   */
  public List<LogTail.Line> logTail(String hostId, String source, int limit) {
    return logs.tail(hostId, source, limit);
  }

  /** The text a host's source wrote after its last newline: not yet a line. */
  public String logPending(String hostId, String source) {
    return logs.pending(hostId, source);
  }

  private <T> void route(
      EventType<T> type, FrameType frame, Predicate<T> usable, BiConsumer<HostState, T> mutation) {
    routes.put(type.name(), new Route<>(type, frame, null, usable, mutating(mutation)));
  }

  /** A mutation whose delta carries the payload as received. */
  private static <T> Mutation<T> mutating(BiConsumer<HostState, T> mutation) {
    return (host, payload, received) -> {
      mutation.accept(host, payload);
      return received;
    };
  }

  /** Changes a host for one event and returns the delta's data. */
  @FunctionalInterface
  private interface Mutation<T> {
    JsonNode apply(HostState host, T payload, JsonNode received);
  }

  /** Adds the write to the tail; the delta carries the payload plus the lines it completed. */
  private JsonNode onLog(HostState host, LogLines write, JsonNode received) {
    List<LogTail.Line> completed =
        logs.append(host.hostId, write.source(), write.text(), write.history());
    ObjectNode data = received.deepCopy();
    data.set("lines", Json.MAPPER.valueToTree(completed));
    return data;
  }

  /** How one event type is decoded, checked, applied and framed. */
  private final class Route<T> {
    private final EventType<T> type;
    private final FrameType frame;
    private final Function<T, String> hostOf;
    private final Predicate<T> usable;
    private final Mutation<T> mutation;

    Route(
        EventType<T> type,
        FrameType frame,
        Function<T, String> hostOf,
        Predicate<T> usable,
        Mutation<T> mutation) {
      this.type = type;
      this.frame = frame;
      this.hostOf = hostOf;
      this.usable = usable;
      this.mutation = mutation;
    }

    Optional<DeltaFrame> apply(EventEnvelope event) {
      T payload;
      try {
        payload = Json.MAPPER.convertValue(event.payload(), type.payloadClass());
      } catch (IllegalArgumentException undecodable) {
        rejected++;
        return Optional.empty();
      }
      if (payload == null || !usable.test(payload)) {
        rejected++;
        return Optional.empty();
      }
      String hostId = hostOf == null ? event.key() : hostOf.apply(payload);
      if (hostId == null || hostId.isBlank()) {
        rejected++;
        return Optional.empty();
      }
      HostState host = hosts.computeIfAbsent(hostId, HostState::new);
      JsonNode data = mutation.apply(host, payload, event.payload());
      host.seq++;
      return Optional.of(
          DeltaFrame.of(frame, host.hostId, host.seq, event.occurredAt(), event.type(), data));
    }
  }

  private static void onLiveness(HostState host, HostLiveness liveness) {
    host.liveness = liveness.state();
    host.lastSeenAt = liveness.lastSeenAt();
    host.livenessReason = liveness.reason();
  }

  private static void onTransition(HostState host, ModelTransition t) {
    host.models.put(t.modelId(), new ModelView(t.modelId(), t.toState(), t.observedAt(), t.swap()));
  }

  private static boolean usable(HostInfo info) {
    return info.models().stream()
        .allMatch(
            m ->
                m != null
                    && m.modelId() != null
                    && !m.modelId().isBlank()
                    && (m.ttlSeconds() == null || m.ttlSeconds() >= 0));
  }

  /**
   * The newest version wins, also when it is null (the host no longer says). TTLs are set for the
   * models listed; the others keep theirs (a stopped model is not on /running, its TTL is
   * unchanged).
   */
  private static void onHostInfo(HostState host, HostInfo info) {
    host.version = info.version();
    for (HostInfo.ModelTtl m : info.models()) {
      if (m.ttlSeconds() == null) {
        host.ttls.remove(m.modelId());
      } else {
        host.ttls.put(m.modelId(), m.ttlSeconds());
      }
    }
  }

  /** A completed request: its model was last used when it finished (rows may come out of order). */
  private static void onActivity(HostState host, ActivityRecorded row) {
    host.used(row.model(), row.finishedAt());
  }

  private static boolean usable(JobUpdated job) {
    return job.jobId() != null && !job.jobId().isBlank() && OpenJobs.STATES.contains(job.state());
  }

  private static boolean usable(InflightChanged change) {
    if (!INFLIGHT_OPERATIONS.contains(change.operation())) {
      return false;
    }
    if ("remove".equals(change.operation())) {
      return change.removedId() != null;
    }
    return change.requests() == null
        || change.requests().stream().allMatch(r -> r != null && r.id() != null);
  }

  private static void onInflight(HostState host, InflightChanged change) {
    switch (change.operation()) {
      case "snapshot" -> {
        host.inflight.clear();
        if (change.requests() != null) {
          change.requests().forEach(r -> host.inflight.put(r.id(), r));
        }
      }
      case "upsert" -> {
        if (change.requests() != null) {
          change.requests().forEach(r -> host.inflight.put(r.id(), r));
        }
      }
      case "remove" -> host.inflight.remove(change.removedId());
      default -> throw new IllegalStateException("checked before: " + change.operation());
    }
  }

  private static void onGap(HostState host, GapSuspected gap) {
    addGap(
        host, new GapView(gap.epoch(), gap.fromId(), gap.toId(), gap.reason(), gap.detectedAt()));
  }

  /**
   * Keeps one entry per window start (the database's key), newest first, at most {@link #MAX_GAPS};
   * a replayed gap replaces its earlier copy rather than filling the list.
   */
  private static void addGap(HostState host, GapView gap) {
    host.gaps.removeIf(g -> g.epoch() == gap.epoch() && g.fromId() == gap.fromId());
    host.gaps.add(0, gap);
    host.gaps.sort(NEWEST_GAP_FIRST);
    while (host.gaps.size() > MAX_GAPS) {
      host.gaps.remove(host.gaps.size() - 1);
    }
  }

  /**
   * Records the status; samples only come with "ok". On "disabled" or "unreachable" the last
   * samples are kept, so the cockpit can show them as stale beside the status.
   */
  private static void onPerf(HostState host, PerfSampled perf) {
    host.perfStatus = perf.status();
    if (!"ok".equals(perf.status())) {
      return;
    }
    if (perf.gpus() != null) {
      for (PerfSampled.Gpu gpu : perf.gpus()) {
        PerfSampled.Gpu current = host.gpus.get(gpu.index());
        if (current == null || !isBefore(gpu.sampledAt(), current.sampledAt())) {
          host.gpus.put(gpu.index(), gpu);
        }
      }
    }
    if (perf.system() != null) {
      for (PerfSampled.System system : perf.system()) {
        if (host.system == null || !isBefore(system.sampledAt(), host.system.sampledAt())) {
          host.system = system;
        }
      }
    }
  }

  /** Whether {@code a} is strictly older than {@code b}; an unknown time counts as oldest. */
  private static boolean isBefore(Instant a, Instant b) {
    if (a == null) {
      return b != null;
    }
    return b != null && a.isBefore(b);
  }

  private static boolean noNulls(List<?> list) {
    return list == null || list.stream().allMatch(Objects::nonNull);
  }

  /** One host's mutable state; {@link #view()} freezes it into the wire record. */
  private static final class HostState {
    final String hostId;
    String displayName;
    String baseUrl;
    LivenessState liveness;
    Instant lastSeenAt;
    String livenessReason;
    int epoch;
    String version;
    final Map<String, ModelView> models = new TreeMap<>();
    final Map<String, Integer> ttls = new HashMap<>();
    final Map<String, Instant> lastUsed = new HashMap<>();
    final Map<Integer, PerfSampled.Gpu> gpus = new TreeMap<>();
    PerfSampled.System system;
    String perfStatus;
    final Map<String, InflightRequest> inflight = new LinkedHashMap<>();
    final List<GapView> gaps = new ArrayList<>();
    final OpenJobs jobs = new OpenJobs();
    long seq;

    HostState(String hostId) {
      this.hostId = hostId;
    }

    void used(String modelId, Instant finishedAt) {
      if (modelId == null || finishedAt == null) {
        return;
      }
      lastUsed.merge(modelId, finishedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    HostView view() {
      List<ModelView> modelViews = new ArrayList<>(models.size());
      for (ModelView m : models.values()) {
        modelViews.add(
            new ModelView(
                m.modelId(),
                m.state(),
                m.since(),
                m.swap(),
                ttls.get(m.modelId()),
                lastUsed.get(m.modelId())));
      }
      return new HostView(
          hostId,
          displayName,
          baseUrl,
          liveness,
          lastSeenAt,
          livenessReason,
          epoch,
          version,
          modelViews,
          List.copyOf(gpus.values()),
          system,
          perfStatus,
          List.copyOf(inflight.values()),
          gaps,
          jobs.list(),
          seq);
    }
  }
}
