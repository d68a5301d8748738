package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  private static final PageCursor CURSOR =
      new PageCursor(Instant.parse("2026-11-25T10:00:00.123456Z"), "gpu-box.lan", 3, 4711);

  @Test
  void roundTripsExactlyToTheMicrosecond() {
    String encoded = CURSOR.encode();
    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(PageCursor.decode(encoded)).isEqualTo(CURSOR);
  }

  @Test
  void roundTripsEdgeValues() {
    for (PageCursor c :
        new PageCursor[] {
          new PageCursor(Instant.EPOCH, "a", 1, 0),
          new PageCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), "z", 1, 0),
          new PageCursor(
              Instant.parse("2999-01-01T00:00:00Z"),
              "h".repeat(63),
              Integer.MAX_VALUE,
              Long.MAX_VALUE)
        }) {
      assertThat(PageCursor.decode(c.encode())).isEqualTo(c);
    }
  }

  @Test
  void differentPositionsEncodeDifferently() {
    assertThat(new PageCursor(CURSOR.finishedAt(), "gpu-box.lan", 3, 4712).encode())
        .isNotEqualTo(CURSOR.encode());
  }

  @Test
  void anyEditedCharacterIsRefused() {
    String encoded = CURSOR.encode();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < encoded.length(); i++) {
      char original = encoded.charAt(i);
      char other = alphabet.charAt((alphabet.indexOf(original) + 1) % alphabet.length());
      String edited = encoded.substring(0, i) + other + encoded.substring(i + 1);
      assertRefused(edited);
    }
  }

  @Test
  void truncatedExtendedOrForeignCursorsAreRefused() {
    String encoded = CURSOR.encode();
    assertRefused(encoded.substring(0, encoded.length() - 1));
    assertRefused(encoded.substring(0, 10));
    assertRefused(encoded + "A");
    assertRefused("");
    assertRefused("   ");
    assertRefused("!!!!");
    assertRefused("x".repeat(300));
    assertRefused(b64("v1|1|2|3|host"));
    assertRefused(b64("{\"finishedAt\":1}"));
    // a correct checksum over a wrong shape is still refused
    assertRefused(withCrc("v2|1|2|3|host"));
    assertRefused(withCrc("v1|x|2|3|host"));
    assertRefused(withCrc("v1|1|2|3|Bad_Host"));
    assertRefused(withCrc("v1|1|2|3"));
    assertRefused(withCrc("v1|1|2|3|host|extra"));
    // ...and a well-formed one is accepted, since a cursor only names a position
    assertThat(PageCursor.decode(withCrc("v1|1000001|2|3|host")))
        .isEqualTo(new PageCursor(Instant.ofEpochSecond(1, 1000), "host", 2, 3));
  }

  private static void assertRefused(String cursor) {
    assertThatThrownBy(() -> PageCursor.decode(cursor))
        .as(cursor)
        .isInstanceOf(BadParameter.class)
        .satisfies(e -> assertThat(((BadParameter) e).parameter()).isEqualTo("before"));
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String withCrc(String body) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return b64(body + "|" + Long.toHexString(crc.getValue()));
  }
}
