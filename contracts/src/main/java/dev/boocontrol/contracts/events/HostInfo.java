package dev.boocontrol.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * What a host says about itself: its llama-swap build ({@code GET /api/version}) and the TTL of
 * each local process it lists on {@code GET /running}. Published on {@code fleet.liveness} when a
 * host's event stream opens and again after a model became ready. The {@code cmd} of {@code
 * /running} may hold secrets and is never part of this event.
 *
 * @param version llama-swap's version string as reported ({@code v250}, {@code v250-5-g0bdb37},
 *     {@code 0}, …); null when the host has no {@code /api/version} (before v173) or it could not
 *     be read
 * @param commit the build's commit; null when unknown
 * @param models the processes {@code /running} listed (starting, ready or stopping), sorted by
 *     model id; a model not listed keeps the TTL known from earlier
 * @param observedAt when the host was asked
 */
public record HostInfo(
    String hostId, String version, String commit, List<ModelTtl> models, Instant observedAt) {

  public HostInfo {
    models = models == null ? List.of() : List.copyOf(models);
  }

  /**
   * The TTL of one model.
   *
   * @param ttlSeconds seconds of idleness after which the host unloads it (globalTTL applied); 0
   *     means never; null when the host does not say (before v186)
   */
  public record ModelTtl(String modelId, Integer ttlSeconds) {}
}
