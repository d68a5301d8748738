package dev.boocontrol.llamaswap.client;

import dev.boocontrol.llamaswap.core.sse.Utf8ChunkDecoder;
import java.util.function.Consumer;

/** Raw text chunks ({@code /logs/stream}), keeping characters split across chunks whole. */
final class TextBodyDecoder implements UnpausedStream.BodyDecoder<String> {

  private final Utf8ChunkDecoder utf8 = new Utf8ChunkDecoder();

  @Override
  public void onBytes(byte[] chunk, Consumer<String> out) {
    String text = utf8.decode(chunk);
    if (!text.isEmpty()) {
      out.accept(text);
    }
  }

  @Override
  public void onEnd(Consumer<String> out) {
    String rest = utf8.finish();
    if (!rest.isEmpty()) {
      out.accept(rest);
    }
  }
}
