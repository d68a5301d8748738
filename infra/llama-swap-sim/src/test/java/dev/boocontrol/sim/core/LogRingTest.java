package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogRingTest {

  @Test
  void keepsEverythingWhileItFits() {
    LogRing ring = new LogRing(64);
    ring.write("[INFO] one\n");
    ring.write("[INFO] two\n");
    assertThat(ring.snapshot()).isEqualTo("[INFO] one\n[INFO] two\n");
    assertThat(ring.size()).isEqualTo(22);
  }

  @Test
  void keepsOnlyTheNewestBytesAndMayStartMidLine() {
    LogRing ring = new LogRing(10);
    ring.write("abcdef");
    ring.write("ghijkl");
    assertThat(ring.snapshot()).isEqualTo("cdefghijkl");
    ring.write("mn");
    assertThat(ring.snapshot()).isEqualTo("efghijklmn");
    assertThat(ring.totalWritten()).isEqualTo(14);
  }

  @Test
  void writeLargerThanCapacityKeepsItsTail() {
    LogRing ring = new LogRing(4);
    ring.write("xy");
    ring.write("0123456789");
    assertThat(ring.snapshot()).isEqualTo("6789");
    ring.write("A");
    assertThat(ring.snapshot()).isEqualTo("789A");
  }

  @Test
  void exactlyFullRingWrapsCorrectly() {
    LogRing ring = new LogRing(5);
    ring.write("12345");
    assertThat(ring.snapshot()).isEqualTo("12345");
    ring.write("6");
    assertThat(ring.snapshot()).isEqualTo("23456");
    for (int i = 0; i < 13; i++) {
      ring.write(Integer.toString(i % 10));
    }
    assertThat(ring.snapshot()).isEqualTo("89012");
  }

  @Test
  void cutMultiByteCharacterDecodesAsReplacementCharacter() {
    LogRing ring = new LogRing(5);
    ring.write("é€ok"); // é = 2 bytes, € = 3 bytes, "ok" = 2 bytes: 7 bytes
    byte[] kept = ring.snapshotBytes();
    assertThat(kept).hasSize(5);
    assertThat(ring.snapshot()).isEqualTo("€ok");
    ring.write("!"); // drops the first byte of €
    assertThat(ring.snapshot()).isEqualTo("\uFFFD\uFFFDok!");
  }

  @Test
  void invalidUtf8WrittenAsBytesDecodesAsReplacementCharacter() {
    LogRing ring = new LogRing(16);
    ring.write(new byte[] {'a', (byte) 0xff, 'b'});
    assertThat(ring.snapshot()).isEqualTo("a\uFFFDb");
  }

  @Test
  void clearEmptiesButKeepsCounting() {
    LogRing ring = new LogRing(8);
    ring.write("hello");
    ring.clear();
    assertThat(ring.snapshot()).isEmpty();
    ring.write("x");
    assertThat(ring.snapshot()).isEqualTo("x");
    assertThat(ring.totalWritten()).isEqualTo(6);
  }

  @Test
  void defaultCapacityIs100KiB() {
    LogRing ring = new LogRing();
    assertThat(ring.capacity()).isEqualTo(102_400);
    String line = "[INFO] Request 10.0.0.31 \"POST /v1/chat/completions HTTP/1.1\" 200 3980\n";
    for (int i = 0; i < 5000; i++) {
      ring.write(line);
    }
    assertThat(ring.snapshot().getBytes(StandardCharsets.UTF_8)).hasSize(102_400);
    assertThat(ring.snapshot()).endsWith(line);
  }

  @Test
  void rejectsNonPositiveCapacity() {
    assertThatThrownBy(() -> new LogRing(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
