package dev.boocontrol.contracts.events;

import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;

/** The event types of the fleet topics. Later work adds types here, additively. */
public final class FleetEvents {

  public static final EventType<HostLiveness> HOST_LIVENESS =
      new EventType<>("host.liveness", Topics.FLEET_LIVENESS, HostLiveness.class);

  public static final EventType<ModelTransition> MODEL_TRANSITION =
      new EventType<>("model.transition", Topics.FLEET_MODELS, ModelTransition.class);

  public static final EventType<ActivityRecorded> ACTIVITY_RECORDED =
      new EventType<>("activity.recorded", Topics.FLEET_ACTIVITY, ActivityRecorded.class);

  public static final EventType<EpochStarted> EPOCH_STARTED =
      new EventType<>("epoch.started", Topics.FLEET_ACTIVITY, EpochStarted.class);

  public static final EventType<InflightChanged> INFLIGHT_CHANGED =
      new EventType<>("inflight.changed", Topics.FLEET_ACTIVITY, InflightChanged.class);

  public static final EventType<GapSuspected> GAP_SUSPECTED =
      new EventType<>("gap.suspected", Topics.FLEET_LIVENESS, GapSuspected.class);

  /** A host's llama-swap version and the TTL of its running models. */
  public static final EventType<HostInfo> HOST_INFO =
      new EventType<>("host.info", Topics.FLEET_LIVENESS, HostInfo.class);

  public static final EventType<PerfSampled> PERF_SAMPLED =
      new EventType<>("perf.sampled", Topics.FLEET_PERF, PerfSampled.class);

  public static final EventType<LogLines> LOG_LINES =
      new EventType<>("log.lines", Topics.FLEET_LOGS, LogLines.class);

  /** Every fleet event type, for consumers that route by name. */
  public static final java.util.List<EventType<?>> ALL =
      java.util.List.of(
          HOST_LIVENESS,
          MODEL_TRANSITION,
          ACTIVITY_RECORDED,
          EPOCH_STARTED,
          INFLIGHT_CHANGED,
          GAP_SUSPECTED,
          HOST_INFO,
          PERF_SAMPLED,
          LOG_LINES);

  private FleetEvents() {}
}
