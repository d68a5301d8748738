package dev.boocontrol.sim.core;

/** A bad {@code /api/metrics/activity} query; the message is llama-swap's exact 400 text. */
public class ActivityQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ActivityQueryException(String message) {
    super(message);
  }
}
