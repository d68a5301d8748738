package dev.boocontrol.contracts.events;

import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;

/** The event types of the fleet topics. Later work adds types here, additively. */
public final class FleetEvents {

  public static final EventType<HostLiveness> HOST_LIVENESS =
      new EventType<>("host.liveness", Topics.FLEET_LIVENESS, HostLiveness.class);

  public static final EventType<ModelTransition> MODEL_TRANSITION =
      new EventType<>("model.transition", Topics.FLEET_MODELS, ModelTransition.class);

  private FleetEvents() {}
}
