package dev.boocontrol.llamaswap.core.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream that arrives in arbitrary chunks (for example {@code /logs/stream}) into text
 * without breaking a character whose bytes straddle two chunks. Invalid bytes become U+FFFD. Not
 * thread-safe.
 */
public final class Utf8ChunkDecoder {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final byte[] carry = new byte[4];
  private int carried;

  /** Decodes a chunk; bytes of an unfinished character are held for the next call. */
  public String decode(byte[] chunk) {
    ByteBuffer in = ByteBuffer.allocate(carried + chunk.length);
    in.put(carry, 0, carried).put(chunk).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    CoderResult result = decoder.decode(in, out, false);
    if (result.isOverflow()) {
      throw new IllegalStateException("UTF-8 decoding cannot overflow a buffer of input size");
    }
    carried = in.remaining();
    in.get(carry, 0, carried);
    return out.flip().toString();
  }

  /** Ends the stream: held bytes of an unfinished character become U+FFFD. */
  public String finish() {
    ByteBuffer in = ByteBuffer.wrap(carry, 0, carried);
    CharBuffer out = CharBuffer.allocate(carried + 2);
    decoder.decode(in, out, true);
    decoder.flush(out);
    decoder.reset();
    carried = 0;
    return out.flip().toString();
  }
}
