package dev.boocontrol.actionqueue.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The decision inside the host-access seam: may a disturbing action (warm, unload) go ahead on a
 * host that others may be using? It may when nobody else finished a request there within the
 * courtesy window, nothing foreign is in flight, and no other holder holds the host; otherwise it
 * needs an explicit takeover, and the refusal says what is running and who holds it. A confirmed
 * takeover proceeds over all of it, and the grant says what it took over.
 *
 * <p>A request counts as foreign unless its source is BooControl's own ({@link #OWN_SOURCE}).
 */
public final class Courtesy {

  /** The {@code X-Boo-Source} of action-queue's own requests. */
  public static final String OWN_SOURCE = "boocontrol/action-queue";

  private Courtesy() {}

  /**
   * @param finished recently finished requests on the host (any source, any age)
   * @param inflight requests in flight on the host now (any source)
   * @param holds holds on the host (any holder, any expiry)
   * @param self the caller's own holder name, whose holds never block it; may be null
   */
  public static Decision decide(
      Instant now,
      Duration window,
      List<Use> finished,
      List<Use> inflight,
      List<Hold> holds,
      String self,
      boolean takeoverConfirmed) {
    Instant since = now.minus(window);
    List<Use> foreign = new ArrayList<>();
    inflight.stream().filter(u -> !isOwn(u.source())).forEach(foreign::add);
    finished.stream()
        .filter(u -> !isOwn(u.source()) && u.at() != null && !u.at().isBefore(since))
        .sorted(Comparator.comparing(Use::at).reversed())
        .forEach(foreign::add);
    List<Hold> blocking =
        holds.stream().filter(h -> h.expiresAt().isAfter(now) && !h.holder().equals(self)).toList();
    if (foreign.isEmpty() && blocking.isEmpty()) {
      return new Decision(true, List.of(), List.of(), "nobody else is using the host");
    }
    String summary = summary(foreign, blocking, window);
    return takeoverConfirmed
        ? new Decision(true, foreign, blocking, "takeover confirmed over: " + summary)
        : new Decision(false, foreign, blocking, summary);
  }

  public static boolean isOwn(String source) {
    return OWN_SOURCE.equals(source);
  }

  private static String summary(List<Use> foreign, List<Hold> holds, Duration window) {
    List<String> parts = new ArrayList<>();
    long live = foreign.stream().filter(Use::inFlight).count();
    long recent = foreign.size() - live;
    if (live > 0) {
      parts.add(live + " foreign request" + (live == 1 ? "" : "s") + " in flight");
    }
    if (recent > 0) {
      parts.add(
          recent
              + " foreign request"
              + (recent == 1 ? "" : "s")
              + " finished in the last "
              + window.toSeconds()
              + " s");
    }
    for (Hold h : holds) {
      parts.add("held by " + h.holder() + " for " + h.purpose() + " until " + h.expiresAt());
    }
    return String.join("; ", parts);
  }

  /**
   * One request someone sent to the host.
   *
   * @param source its {@code X-Boo-Source} ("direct" when none)
   * @param at when it finished, or when it started while in flight
   * @param inFlight true while it runs
   */
  public record Use(String model, String source, Instant at, boolean inFlight) {
    public Use {
      Objects.requireNonNull(source, "source");
    }
  }

  /** A row of {@code host_access_holds}. */
  public record Hold(String holder, String purpose, Instant acquiredAt, Instant expiresAt) {}

  /**
   * The seam's answer.
   *
   * @param proceed true: the action may go ahead
   * @param running foreign use of the host (in flight first, then newest finished)
   * @param heldBy other holders' unexpired holds
   * @param summary the same in words
   */
  public record Decision(boolean proceed, List<Use> running, List<Hold> heldBy, String summary) {}
}
