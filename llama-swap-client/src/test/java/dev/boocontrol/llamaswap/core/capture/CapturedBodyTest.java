package dev.boocontrol.llamaswap.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CapturedBodyTest {

  @Test
  void utf8IsText() {
    byte[] bytes = "{\"content\":\"Grüße 👋\"}".getBytes(StandardCharsets.UTF_8);
    CapturedBody body = CapturedBody.of(bytes);
    assertThat(body.kept()).isTrue();
    assertThat(body.binary()).isFalse();
    assertThat(body.text()).isEqualTo("{\"content\":\"Grüße 👋\"}");
    assertThat(body.sizeBytes()).isEqualTo(bytes.length);
  }

  @Test
  void invalidUtf8IsBinaryWithItsSize() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (byte) 0xff, (byte) 0xfe};
    CapturedBody body = CapturedBody.of(png);
    assertThat(body.kept()).isTrue();
    assertThat(body.binary()).isTrue();
    assertThat(body.text()).isNull();
    assertThat(body.sizeBytes()).isEqualTo(10);
  }

  @Test
  void aTruncatedMultiByteSequenceIsBinary() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    CapturedBody body = CapturedBody.of(new byte[] {euro[0], euro[1]});
    assertThat(body.binary()).isTrue();
  }

  @Test
  void emptyIsEmptyText() {
    CapturedBody body = CapturedBody.of(new byte[0]);
    assertThat(body.kept()).isTrue();
    assertThat(body.text()).isEmpty();
  }

  @Test
  void nullIsNotKept() {
    assertThat(CapturedBody.of(null)).isEqualTo(CapturedBody.ABSENT);
    assertThat(CapturedBody.ABSENT.kept()).isFalse();
  }
}
