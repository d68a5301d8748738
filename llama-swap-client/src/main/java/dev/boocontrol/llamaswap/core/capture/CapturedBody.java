package dev.boocontrol.llamaswap.core.capture;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One decoded body of a capture: its text when the bytes are valid UTF-8, else only that it is
 * binary and how big.
 *
 * @param kept false when llama-swap did not keep this part (the field was null)
 * @param binary true when the bytes are not valid UTF-8 ({@code text} is then null)
 * @param sizeBytes length of the raw bytes (0 when not kept)
 * @param text the body as text, or null when binary or not kept
 */
public record CapturedBody(boolean kept, boolean binary, int sizeBytes, String text) {

  /** A part llama-swap did not keep. */
  public static final CapturedBody ABSENT = new CapturedBody(false, false, 0, null);

  /** Decodes raw bytes (null: not kept). Strict: one malformed sequence makes it binary. */
  public static CapturedBody of(byte[] bytes) {
    if (bytes == null) {
      return ABSENT;
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new CapturedBody(true, false, bytes.length, text);
    } catch (CharacterCodingException e) {
      return new CapturedBody(true, true, bytes.length, null);
    }
  }
}
