package dev.boocontrol.actionqueue.service;

import dev.boocontrol.actionqueue.config.ActionQueueConfig;
import dev.boocontrol.actionqueue.core.Courtesy;
import dev.boocontrol.actionqueue.messaging.FleetWatch;
import dev.boocontrol.actionqueue.repository.HoldRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The one seam every disturbing action passes through: may it touch the host now? Foreign activity
 * and in-flight requests come from {@code fleet.activity} (via {@link FleetWatch}), holds from
 * {@code host_access_holds}; {@link Courtesy} decides. Never inline this check elsewhere.
 */
@ApplicationScoped
public class HostAccess {

  private static final Logger LOG = Logger.getLogger(HostAccess.class);

  private final ActionQueueConfig config;
  private final FleetWatch fleet;
  private final HoldRepository holds;

  HostAccess(ActionQueueConfig config, FleetWatch fleet, HoldRepository holds) {
    this.config = config;
    this.fleet = fleet;
    this.holds = holds;
  }

  /**
   * A grant ({@link Courtesy.Decision#proceed()}) or a refusal saying what runs on the host and who
   * holds it.
   *
   * @param purpose what the caller is about to do, for the log ("warm qwen3-30b")
   * @param takeoverConfirmed the operator accepted disturbing whoever uses the host
   */
  public Uni<Courtesy.Decision> acquireHostAccess(
      String hostId, String purpose, boolean takeoverConfirmed) {
    return decide(hostId, takeoverConfirmed)
        .invoke(
            d -> {
              if (!d.running().isEmpty() || !d.heldBy().isEmpty()) {
                LOG.infof(
                    "host access %s for %s on %s: %s",
                    d.proceed() ? "granted" : "refused", purpose, hostId, d.summary());
              }
            });
  }

  /** What {@link #acquireHostAccess} would answer without a takeover, for display; no log. */
  public Uni<Courtesy.Decision> peek(String hostId) {
    return decide(hostId, false);
  }

  private Uni<Courtesy.Decision> decide(String hostId, boolean takeoverConfirmed) {
    return holds
        .active(hostId)
        .map(
            active -> {
              Instant now = Instant.now();
              return Courtesy.decide(
                  now,
                  config.courtesyWindow(),
                  fleet.host(hostId).finishedSince(now.minus(config.courtesyWindow())),
                  fleet.host(hostId).inflightNow(),
                  active,
                  Courtesy.OWN_SOURCE,
                  takeoverConfirmed);
            });
  }
}
