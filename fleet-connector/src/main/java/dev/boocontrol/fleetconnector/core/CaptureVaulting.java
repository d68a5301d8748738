package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.contracts.events.CaptureRecorded;
import dev.boocontrol.llamaswap.core.capture.HeaderRedactor;
import dev.boocontrol.llamaswap.core.model.Capture;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a fetched capture goes to the capture vault and builds the event that carries it:
 * headers redacted on our side (never trusting the host to have masked its key), bodies as base64,
 * and nothing bigger than the per-capture cap.
 */
public final class CaptureVaulting {

  private final long maxCaptureBytes;

  /**
   * @param maxCaptureBytes captures whose bodies together exceed this are skipped
   */
  public CaptureVaulting(long maxCaptureBytes) {
    if (maxCaptureBytes <= 0) {
      throw new IllegalArgumentException("max-capture-bytes must be positive: " + maxCaptureBytes);
    }
    this.maxCaptureBytes = maxCaptureBytes;
  }

  /** Raw bytes of both bodies together. */
  public static long sizeOf(Capture capture) {
    return length(capture.reqBody()) + length(capture.respBody());
  }

  /** The event for the vault, or empty when the capture is over the cap. */
  public Optional<CaptureRecorded> event(
      String hostId, int epoch, Instant finishedAt, Capture capture) {
    Objects.requireNonNull(capture, "capture");
    long size = sizeOf(capture);
    if (size > maxCaptureBytes) {
      return Optional.empty();
    }
    return Optional.of(
        new CaptureRecorded(
            hostId,
            epoch,
            capture.id(),
            finishedAt,
            capture.reqPath() == null ? "" : capture.reqPath(),
            HeaderRedactor.redact(capture.reqHeaders()),
            base64(capture.reqBody()),
            HeaderRedactor.redact(capture.respHeaders()),
            base64(capture.respBody()),
            size));
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static String base64(byte[] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }
}
