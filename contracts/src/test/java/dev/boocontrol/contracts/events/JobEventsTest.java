package dev.boocontrol.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.kafka.EnvelopeDeserializer;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobEventsTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");

  @Test
  void namesAreUniqueAcrossTopicsAndEveryTypeTravelsOnControlJobs() {
    assertThat(JobEvents.ALL).allSatisfy(t -> assertThat(t.topic()).isEqualTo(Topics.CONTROL_JOBS));
    assertThat(JobEvents.ALL.stream().map(EventType::name))
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(FleetEvents.ALL.stream().map(EventType::name).toList());
  }

  @Test
  void aQueuedAndAFinishedJobSurviveTheWire() {
    EnvelopeSerializer out = new EnvelopeSerializer();
    EnvelopeDeserializer in = new EnvelopeDeserializer();
    JobUpdated queued =
        new JobUpdated(
            "3f1c", "gpu-1", "warm", "qwen3-30b", "queued", 2, null, "admin", AT, null, null, null);
    JobUpdated finished =
        new JobUpdated(
            "3f1d",
            "gpu-1",
            "unload_all",
            null,
            "failed",
            null,
            "host answered 503: busy",
            "admin",
            AT,
            AT.plusSeconds(1),
            AT.plusSeconds(3),
            2000L);
    for (JobUpdated job : new JobUpdated[] {queued, finished}) {
      EventEnvelope sent = EventEnvelope.of(JobEvents.JOB_UPDATED, job.jobId(), AT, job);
      EventEnvelope received =
          in.deserialize(Topics.CONTROL_JOBS, out.serialize(Topics.CONTROL_JOBS, sent));
      assertThat(received.key()).isEqualTo(job.jobId());
      assertThat(received.payload(JobEvents.JOB_UPDATED)).contains(job);
    }
  }
}
