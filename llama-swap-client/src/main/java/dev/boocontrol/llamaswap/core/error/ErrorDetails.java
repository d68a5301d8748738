package dev.boocontrol.llamaswap.core.error;

/**
 * The fields read from one error answer, whatever its shape.
 *
 * @param message the message without framing; never null
 * @param code HEAD's {@code error.code} or an upstream's code; empty when absent
 * @param type HEAD's {@code error.type} or an upstream's type; empty when absent
 * @param fromLlamaSwap true when llama-swap made the error itself
 */
public record ErrorDetails(
    int status, String message, String code, String type, boolean fromLlamaSwap) {

  public ErrorDetails {
    message = message == null ? "" : message;
    code = code == null ? "" : code;
    type = type == null ? "" : type;
  }
}
