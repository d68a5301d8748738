package dev.boocontrol.llamaswap.core;

/** A llama-swap answer that could not be read as the payload it should be. */
public final class PayloadException extends RuntimeException {

  private final String payloadType;
  private final String excerpt;

  public PayloadException(String payloadType, String excerpt, Throwable cause) {
    super("cannot read " + payloadType + " from: " + excerpt, cause);
    this.payloadType = payloadType;
    this.excerpt = excerpt;
  }

  public PayloadException(String payloadType, String excerpt, String reason) {
    super("cannot read " + payloadType + " (" + reason + ") from: " + excerpt);
    this.payloadType = payloadType;
    this.excerpt = excerpt;
  }

  /** The payload that was expected, for example {@code ActivityPage}. */
  public String payloadType() {
    return payloadType;
  }

  /** The start of the offending body, at most {@link Excerpts#MAX_CHARS} characters. */
  public String excerpt() {
    return excerpt;
  }
}
