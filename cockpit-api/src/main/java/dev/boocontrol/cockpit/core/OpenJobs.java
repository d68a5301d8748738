package dev.boocontrol.cockpit.core;

import dev.boocontrol.contracts.events.JobUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One host's control actions that have not ended, as the cockpit shows them to late joiners. Each
 * job keeps only its newest {@code job.updated} payload (every event carries the whole action); a
 * job that ended leaves the list. action-queue states a queued job's position only when it is
 * queued, so positions are recomputed here: queued jobs in submission order, 1 = next to run. Not
 * thread-safe: the caller serializes access.
 */
public final class OpenJobs {

  /** States in which a job is still open. */
  public static final Set<String> OPEN = Set.of("queued", "running");

  /** Every state action-queue reports. */
  public static final Set<String> STATES =
      Set.of("queued", "running", "succeeded", "failed", "skipped", "cancelled");

  private static final Comparator<JobUpdated> SUBMISSION_ORDER =
      Comparator.comparing(
              JobUpdated::queuedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(
              JobUpdated::position, Comparator.nullsLast(Comparator.<Integer>naturalOrder()))
          .thenComparing(JobUpdated::jobId);

  /** Ended job ids remembered, so that a seed read before a job ended does not bring it back. */
  static final int ENDED_REMEMBERED = 1000;

  private final Map<String, JobUpdated> jobs = new LinkedHashMap<>();
  private final Set<String> ended = new LinkedHashSet<>();

  /**
   * Takes a job's newest state from {@code control.jobs}: an open one is kept (replacing its older
   * state), an ended one leaves.
   */
  public void apply(JobUpdated job) {
    if (OPEN.contains(job.state())) {
      jobs.put(job.jobId(), job);
      return;
    }
    jobs.remove(job.jobId());
    ended.add(job.jobId());
    if (ended.size() > ENDED_REMEMBERED) {
      Iterator<String> oldest = ended.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Adds what PostgreSQL held when the cockpit started. The seed is read while the topic is already
   * being followed, so what the topic said is newer: a job it already reported (open or ended) is
   * left as the topic has it.
   */
  public void seed(List<JobUpdated> open) {
    for (JobUpdated job : open) {
      if (OPEN.contains(job.state())
          && !jobs.containsKey(job.jobId())
          && !ended.contains(job.jobId())) {
        jobs.put(job.jobId(), job);
      }
    }
  }

  /** The running jobs first (in start order), then the queued ones with positions 1, 2, … */
  public List<JobUpdated> list() {
    List<JobUpdated> running = new ArrayList<>();
    List<JobUpdated> queued = new ArrayList<>();
    for (JobUpdated job : jobs.values()) {
      ("running".equals(job.state()) ? running : queued).add(job);
    }
    running.sort(
        Comparator.comparing(
                JobUpdated::startedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(SUBMISSION_ORDER));
    queued.sort(SUBMISSION_ORDER);
    List<JobUpdated> out = new ArrayList<>(running.size() + queued.size());
    running.forEach(j -> out.add(withPosition(j, null)));
    for (int i = 0; i < queued.size(); i++) {
      out.add(withPosition(queued.get(i), i + 1));
    }
    return out;
  }

  private static JobUpdated withPosition(JobUpdated j, Integer position) {
    if (Objects.equals(j.position(), position)) {
      return j;
    }
    return new JobUpdated(
        j.jobId(),
        j.hostId(),
        j.kind(),
        j.model(),
        j.state(),
        position,
        j.message(),
        j.requestedBy(),
        j.queuedAt(),
        j.startedAt(),
        j.finishedAt(),
        j.durationMs());
  }
}
