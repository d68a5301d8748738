package dev.boocontrol.contracts.events;

import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;
import java.util.List;

/** The event types of {@code control.jobs} (keyed by job id). Later work adds types here. */
public final class JobEvents {

  /** A control action of action-queue changed state. */
  public static final EventType<JobUpdated> JOB_UPDATED =
      new EventType<>("job.updated", Topics.CONTROL_JOBS, JobUpdated.class);

  /** Every job event type, for consumers that route by name. */
  public static final List<EventType<?>> ALL = List.of(JOB_UPDATED);

  private JobEvents() {}
}
