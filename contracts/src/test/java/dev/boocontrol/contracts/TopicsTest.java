package dev.boocontrol.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.events.FleetEvents;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void topicNamesMatchTheArchitecture() {
    assertThat(Topics.ALL)
        .containsExactly(
            "fleet.models",
            "fleet.activity",
            "fleet.perf",
            "fleet.logs",
            "fleet.liveness",
            "fleet.captures",
            "control.jobs");
  }

  @Test
  void everyFleetEventTypeTravelsOnAKnownTopic() {
    assertThat(Topics.ALL)
        .contains(FleetEvents.HOST_LIVENESS.topic(), FleetEvents.MODEL_TRANSITION.topic());
    assertThat(FleetEvents.HOST_LIVENESS.name()).isNotEqualTo(FleetEvents.MODEL_TRANSITION.name());
  }
}
