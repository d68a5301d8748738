package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.InflightChanged;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityBatchTest {

  private static final Instant BOOT = Instant.parse("2026-11-25T08:00:00Z");
  private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");

  private static EventEnvelope row(String host, int epoch, long id) {
    return EventEnvelope.of(
        FleetEvents.ACTIVITY_RECORDED,
        host,
        AT,
        new ActivityRecorded(
            host,
            epoch,
            BOOT,
            id,
            AT,
            "m",
            "/v1/chat/completions",
            "application/json",
            200,
            10,
            5,
            0,
            -1,
            -1,
            100.0,
            40.0,
            120,
            false,
            null,
            Map.of(),
            "direct",
            "none"));
  }

  private static EventEnvelope epoch(String host, int epoch, String reason) {
    return EventEnvelope.of(
        FleetEvents.EPOCH_STARTED, host, AT, new EpochStarted(host, epoch, BOOT, reason));
  }

  @Test
  void rowsKeepTheirOrderAndBringTheirEpochs() {
    ActivityBatch batch = ActivityBatch.of(List.of(row("a", 1, 1), row("b", 2, 7), row("a", 1, 2)));

    assertThat(batch.rows()).extracting(ActivityRecorded::activityId).containsExactly(1L, 7L, 2L);
    assertThat(batch.epochs())
        .containsExactly(
            new EpochStarted("a", 1, BOOT, ActivityBatch.EPOCH_FROM_ROW),
            new EpochStarted("b", 2, BOOT, ActivityBatch.EPOCH_FROM_ROW));
    assertThat(batch.rejected()).isEmpty();
    assertThat(batch.undecodable()).isZero();
  }

  @Test
  void anAnnouncementWinsOverTheEpochARowImplies() {
    ActivityBatch batch =
        ActivityBatch.of(
            List.of(row("a", 3, 1), epoch("a", 3, "host restarted: captured_at changed")));

    assertThat(batch.epochs())
        .containsExactly(new EpochStarted("a", 3, BOOT, "host restarted: captured_at changed"));
  }

  @Test
  void recordsThatAreNotEnvelopesAreCountedAndOtherTypesIgnored() {
    EventEnvelope inflight =
        EventEnvelope.of(
            FleetEvents.INFLIGHT_CHANGED,
            "a",
            AT,
            new InflightChanged("a", "remove", List.of(), "3"));

    ActivityBatch batch = ActivityBatch.of(Arrays.asList(null, inflight, row("a", 1, 4), null));

    assertThat(batch.undecodable()).isEqualTo(2);
    assertThat(batch.rows()).hasSize(1);
    assertThat(batch.writesNothing()).isFalse();
    assertThat(ActivityBatch.of(List.of(inflight)).writesNothing()).isTrue();
  }

  @Test
  void anEnvelopeWhosePayloadDoesNotDecodeIsRejectedWithItsReason() {
    var payload = JsonNodeFactory.instance.objectNode().put("epoch", "not a number");
    EventEnvelope broken =
        new EventEnvelope(FleetEvents.ACTIVITY_RECORDED.name(), "a", AT, payload);

    ActivityBatch batch = ActivityBatch.of(List.of(broken, row("a", 1, 9)));

    assertThat(batch.rejected()).hasSize(1);
    assertThat(batch.rejected().get(0).envelope()).isSameAs(broken);
    assertThat(batch.rejected().get(0).reason()).startsWith("payload does not decode");
    assertThat(batch.rows()).extracting(ActivityRecorded::activityId).containsExactly(9L);
  }
}
