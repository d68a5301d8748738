package dev.boocontrol.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetRoutesTest {

  private final FleetRoutes routes = new FleetRoutes();

  private ModelRoute model(String host, String id) {
    return routes.view().host(host).orElseThrow().models().get(id);
  }

  @Test
  void listedModelsComeInStoppedAndTransitionsSetTheirState() {
    routes.registry(Map.of("h", "http://h:8080"), Map.of("h", Optional.of("secret")));
    routes.listed("h", Set.of("a", "b"));
    routes.transition("h", "a", "ready");
    assertThat(model("h", "a").state()).isEqualTo("ready");
    assertThat(model("h", "b").state()).isEqualTo("stopped");
    assertThat(routes.view().host("h").orElseThrow().toString()).doesNotContain("secret");
    // b is gone from the list; a is too but still loaded, so it stays until it stops.
    routes.listed("h", Set.of());
    assertThat(routes.view().host("h").orElseThrow().models()).containsOnlyKeys("a");
    routes.transition("nobody", "x", "ready");
    assertThat(routes.view().hosts()).hasSize(1);
  }

  @Test
  void anOlderLivenessChangesNothingAndUnlistedHostsAreForgotten() {
    routes.registry(Map.of("h", "http://h", "g", "http://g"), Map.of());
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    routes.liveness("h", Liveness.CONNECTED, t);
    routes.liveness("h", Liveness.DOWN, t.minusSeconds(5));
    assertThat(routes.view().host("h").orElseThrow().connected()).isTrue();
    routes.liveness("h", Liveness.DOWN, t.plusSeconds(5));
    assertThat(routes.view().host("h").orElseThrow().liveness()).isEqualTo(Liveness.DOWN);
    assertThat(routes.view().host("g").orElseThrow().liveness()).isEqualTo(Liveness.UNKNOWN);
    routes.registry(Map.of("g", "http://g"), Map.of());
    assertThat(routes.hostIds()).containsExactly("g");
    // A liveness replayed before the registry lists the host still counts once it does.
    routes.liveness("late", Liveness.CONNECTED, t);
    routes.registry(Map.of("late", "http://late"), Map.of());
    assertThat(routes.view().host("late").orElseThrow().connected()).isTrue();
  }

  @Test
  void onlyHostFailuresFailOver() {
    assertThat(Failover.retryStatus(502)).isTrue();
    assertThat(Failover.retryStatus(503)).isTrue();
    assertThat(Failover.retryStatus(400)).isFalse();
    assertThat(Failover.retryStatus(404)).isFalse();
    assertThat(Failover.retryStatus(429)).as("busy host: another may serve").isTrue();
    assertThat(Failover.retryStatus(501)).isTrue();
    assertThat(Failover.retryStatus(409)).isFalse();
    assertThat(Failover.outcome(200)).isEqualTo("ok");
    assertThat(Failover.outcome(503)).isEqualTo("host error 503");
    assertThat(Failover.outcome(401)).isEqualTo("refused 401");
  }
}
