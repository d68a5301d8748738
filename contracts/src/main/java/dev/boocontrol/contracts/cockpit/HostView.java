package dev.boocontrol.contracts.cockpit;

import dev.boocontrol.contracts.events.InflightChanged;
import dev.boocontrol.contracts.events.JobUpdated;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.PerfSampled;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the cockpit shows for one host, as one value: a snapshot is a list of these, and a
 * client rebuilds one from deltas. It never holds the host's API key.
 *
 * @param displayName the operator's name for the host; null for a host known only from events
 * @param baseUrl where the host listens; null for a host known only from events
 * @param liveness the connector's view, null until the first liveness event
 * @param lastSeenAt last time the host answered anything; null if never
 * @param livenessReason why the liveness last changed
 * @param epoch current llama-swap process lifetime, 0 when unknown
 * @param version the host's llama-swap version ({@code GET /api/version}, from the newest {@code
 *     host.info}); null when unknown or the host has no such endpoint
 * @param models every model seen on the host, sorted by id
 * @param gpus the newest sample of each GPU, sorted by index
 * @param system the newest system sample; null until the first one
 * @param perfStatus "ok", "disabled", "unreachable", or null until perf-ingest says
 * @param inflight requests in progress, in the order the host reported them
 * @param gaps suspected lost activity windows, newest first (at most 20)
 * @param jobs the host's control actions still open: the running one first, then the queued ones by
 *     position (1 = next to run), each as its latest {@code job.updated} payload
 * @param seq the number of the last delta of this host; the next one is {@code seq + 1}
 */
public record HostView(
    String hostId,
    String displayName,
    String baseUrl,
    LivenessState liveness,
    Instant lastSeenAt,
    String livenessReason,
    int epoch,
    String version,
    List<ModelView> models,
    List<PerfSampled.Gpu> gpus,
    PerfSampled.System system,
    String perfStatus,
    List<InflightChanged.InflightRequest> inflight,
    List<GapView> gaps,
    List<JobUpdated> jobs,
    long seq) {

  public HostView {
    Objects.requireNonNull(hostId, "hostId");
    models = models == null ? List.of() : List.copyOf(models);
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    inflight = inflight == null ? List.of() : List.copyOf(inflight);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
  }
}
