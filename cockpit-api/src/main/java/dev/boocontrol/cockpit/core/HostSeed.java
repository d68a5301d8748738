package dev.boocontrol.cockpit.core;

import dev.boocontrol.contracts.cockpit.GapView;
import dev.boocontrol.contracts.cockpit.ModelView;
import dev.boocontrol.contracts.events.JobUpdated;
import java.util.List;
import java.util.Objects;

/**
 * What PostgreSQL knows about a host when the cockpit starts, so the first snapshot is not empty
 * while the fleet topics catch up. It has no API key field: the cockpit never needs one.
 *
 * @param baseUrl where the host listens, as the registry normalised it
 * @param epoch the host's latest epoch, 0 when none was recorded
 * @param models each model's state from its latest {@code model_events} row
 * @param gaps recent {@code activity_gaps} rows, in any order
 * @param jobs the host's open {@code control_actions} rows (queued or running), in any order
 */
public record HostSeed(
    String hostId,
    String displayName,
    String baseUrl,
    int epoch,
    List<ModelView> models,
    List<GapView> gaps,
    List<JobUpdated> jobs) {

  public HostSeed {
    Objects.requireNonNull(hostId, "hostId");
    models = models == null ? List.of() : List.copyOf(models);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
  }
}
