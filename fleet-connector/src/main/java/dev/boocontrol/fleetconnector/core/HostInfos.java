package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.RunningModel;
import dev.boocontrol.llamaswap.core.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code host.info} event from what a host answered on {@code /api/version} and {@code
 * /running}. Only the model id and its TTL are taken from {@code /running}: its {@code cmd} may
 * hold secrets and never leaves this method.
 */
public final class HostInfos {

  private HostInfos() {}

  /**
   * @param version empty when the host has no {@code /api/version} or it could not be read
   * @param running empty when {@code /running} could not be read: no TTLs are then reported
   */
  public static HostInfo of(
      String hostId, Optional<Version> version, Optional<Running> running, Instant at) {
    List<HostInfo.ModelTtl> models = new ArrayList<>();
    running.ifPresent(
        r -> {
          for (RunningModel m : r.running()) {
            if (m.model() == null || m.model().isBlank()) {
              continue;
            }
            models.add(new HostInfo.ModelTtl(m.model(), ttl(m.ttl())));
          }
        });
    models.sort(Comparator.comparing(HostInfo.ModelTtl::modelId));
    return new HostInfo(
        hostId,
        version.map(Version::version).map(HostInfos::blankToNull).orElse(null),
        version.map(Version::commit).map(HostInfos::blankToNull).orElse(null),
        models,
        at);
  }

  /** Seconds, 0 = never; null when the host does not say (before v186 it sends no ttl). */
  private static Integer ttl(Long ttl) {
    if (ttl == null || ttl < 0) {
      return null;
    }
    return (int) Math.min(ttl, Integer.MAX_VALUE);
  }

  private static String blankToNull(String s) {
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }
}
