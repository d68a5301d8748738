package dev.boocontrol.actionqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.InflightChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostActivityTest {

  private static final Instant NOW = Instant.parse("2026-08-22T16:30:14Z");

  private static ActivityRecorded row(long id, String source, Instant finishedAt) {
    return new ActivityRecorded(
        "gpu-1",
        1,
        null,
        id,
        finishedAt,
        "qwen3",
        "/v1/chat/completions",
        "application/json",
        200,
        1,
        1,
        0,
        -1,
        -1,
        1,
        1,
        10,
        false,
        null,
        Map.of(),
        source,
        "capture");
  }

  private static InflightChanged.InflightRequest req(String id, String source) {
    return new InflightChanged.InflightRequest(
        id, NOW, "qwen3", "/v1/chat/completions", "POST", 0, 10, source);
  }

  @Test
  void keepsRecentForeignRowsOnly() {
    HostActivity a = new HostActivity(Duration.ofSeconds(60), 10);
    a.finished(row(1, "open-webui", NOW.minusSeconds(5)), NOW);
    a.finished(row(2, Courtesy.OWN_SOURCE, NOW.minusSeconds(4)), NOW);
    a.finished(row(3, "direct", NOW.minusSeconds(120)), NOW);
    assertThat(a.finishedSince(NOW.minusSeconds(60)))
        .extracting(Courtesy.Use::source)
        .containsExactly("open-webui");
    assertThat(a.finishedSince(NOW.minusSeconds(1))).isEmpty();
  }

  @Test
  void keepsAtMostTheNewestFew() {
    HostActivity a = new HostActivity(Duration.ofSeconds(60), 2);
    for (int i = 0; i < 5; i++) {
      a.finished(row(i, "direct", NOW.minusSeconds(10 - i)), NOW);
    }
    assertThat(a.finishedSince(NOW.minusSeconds(60))).hasSize(2);
  }

  @Test
  void followsSnapshotsUpsertsAndRemoves() {
    HostActivity a = new HostActivity(Duration.ofSeconds(60), 10);
    a.inflight(new InflightChanged("gpu-1", "snapshot", List.of(req("1", "direct")), null));
    a.inflight(new InflightChanged("gpu-1", "upsert", List.of(req("2", null)), null));
    assertThat(a.inflightNow())
        .extracting(Courtesy.Use::source)
        .containsExactly("direct", "direct");
    a.inflight(new InflightChanged("gpu-1", "remove", List.of(), "1"));
    assertThat(a.inflightNow()).hasSize(1);
    a.inflight(new InflightChanged("gpu-1", "snapshot", List.of(), null));
    assertThat(a.inflightNow()).isEmpty();
    a.inflight(new InflightChanged("gpu-1", "upsert", List.of(req("3", "x")), null));
    a.inflight(new InflightChanged("gpu-1", "something-new", List.of(), null));
    assertThat(a.inflightNow()).hasSize(1);
    a.clearInflight();
    assertThat(a.inflightNow()).isEmpty();
  }
}
