package dev.boocontrol.cockpit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a request's capture is read from, and what to say when there is none. A capture lives on
 * the host only while the llama-swap process that served the request runs and its in-memory cache
 * holds it (spec §8.6, §19.4); the capture vault keeps copies beyond that. Order: the host when the
 * request is from its current epoch and had a capture, else the vault, else a plain reason.
 */
public final class CaptureLookup {

  private CaptureLookup() {}

  /**
   * What the database says about one request.
   *
   * @param hostKnown the host is registered
   * @param rowKnown the activity row is stored
   * @param hasCapture the row's {@code has_capture} when it was recorded
   * @param currentEpoch the host's newest recorded epoch, null when none
   * @param epochCapturedAt {@code captured_at} of the request's epoch, null when unknown
   */
  public record Facts(
      boolean hostKnown,
      boolean rowKnown,
      boolean hasCapture,
      Integer currentEpoch,
      Instant epochCapturedAt) {}

  /** What asking the host gave. */
  public enum HostAnswer {
    /** Not asked (an older epoch, or no capture was recorded). */
    NOT_ASKED,
    /** The host answered 404: evicted from its capture cache. */
    NOT_FOUND,
    /** The host runs a newer process than the request's epoch (restart not yet recorded). */
    NEWER_PROCESS,
    /** The host could not be reached or answered an error. */
    FAILED
  }

  /** A refusal: HTTP status and a message an operator can act on. */
  public record Missing(int status, String message) {}

  /** Whether the capture may still be on the host: its current epoch, recorded with a capture. */
  public static boolean askHost(Facts facts, int epoch) {
    return facts.hostKnown()
        && facts.rowKnown()
        && facts.hasCapture()
        && facts.currentEpoch() != null
        && facts.currentEpoch() == epoch;
  }

  /**
   * Whether the host's process is the one of the request's epoch: the process start time of the
   * host ({@code /api/hardware captured_at}) equals the epoch's. The database keeps microseconds
   * and the host sends nanoseconds, so less than a millisecond apart counts as equal (two process
   * starts are seconds apart). Unknown on either side counts as the same (hosts before v247 have no
   * hardware endpoint).
   */
  public static boolean sameProcess(Instant epochCapturedAt, Instant hostCapturedAt) {
    return epochCapturedAt == null
        || hostCapturedAt == null
        || Duration.between(epochCapturedAt, hostCapturedAt).abs().compareTo(SAME_START) < 0;
  }

  private static final Duration SAME_START = Duration.ofMillis(1);

  /** Why neither the host nor the vault had the capture. */
  public static Missing missing(
      String hostId, int epoch, long activityId, Facts facts, HostAnswer answer, String failure) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(answer, "answer");
    if (!facts.hostKnown()) {
      return new Missing(404, "no host " + hostId + " is registered");
    }
    if (!facts.rowKnown()) {
      return new Missing(
          404,
          "no request "
              + activityId
              + " in epoch "
              + epoch
              + " of host "
              + hostId
              + " is in the activity history");
    }
    if (!facts.hasCapture()) {
      return new Missing(
          404,
          "has_capture was false for this request: llama-swap kept no capture of it (captures"
              + " may be off on the host, or its capture cache dropped it before the row was"
              + " read)");
    }
    if (facts.currentEpoch() != null && facts.currentEpoch() != epoch) {
      return new Missing(
          404,
          "the host restarted since this request (epoch "
              + epoch
              + ", now "
              + facts.currentEpoch()
              + ") and llama-swap keeps captures in memory only; the capture vault has no copy");
    }
    return switch (answer) {
      case NEWER_PROCESS ->
          new Missing(
              404,
              "the host restarted since this request (epoch "
                  + epoch
                  + ", now a newer process not yet recorded) and llama-swap keeps captures in"
                  + " memory only; the capture vault has no copy");
      case FAILED ->
          new Missing(
              502,
              "could not read the capture from host "
                  + hostId
                  + (failure == null || failure.isBlank() ? "" : " (" + failure + ")")
                  + " and the capture vault has no copy");
      case NOT_FOUND, NOT_ASKED ->
          new Missing(
              404,
              "the host no longer holds this capture (evicted from its in-memory capture cache)"
                  + " and the capture vault has no copy");
    };
  }
}
