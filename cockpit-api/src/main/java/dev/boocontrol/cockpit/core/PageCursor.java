package dev.boocontrol.cockpit.core;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The keyset position of an activity page: the sort key {@code (finished_at, host_id, epoch,
 * activity_id)} of the last row served. Opaque to clients: base64url of {@code
 * v1|micros|epoch|activityId|hostId|crc32}, where the checksum catches edited or truncated cursors.
 * (Anyone can still forge a valid cursor; it only ever names a position, so that is harmless.)
 *
 * @param finishedAt microsecond precision, as PostgreSQL stores it
 */
public record PageCursor(Instant finishedAt, String hostId, int epoch, long activityId) {

  private static final String VERSION = "v1";
  private static final int MAX_ENCODED_LENGTH = 256;

  public PageCursor {
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (!QueryParams.isHostId(hostId)) {
      throw new IllegalArgumentException("not a host id: " + hostId);
    }
  }

  public String encode() {
    String body =
        VERSION + "|" + micros(finishedAt) + "|" + epoch + "|" + activityId + "|" + hostId;
    String text = body + "|" + Long.toHexString(crc(body));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor that {@link #encode()} made.
   *
   * @throws BadParameter naming {@code before} when the text is not such a cursor
   */
  public static PageCursor decode(String cursor) {
    if (cursor == null || cursor.isBlank() || cursor.length() > MAX_ENCODED_LENGTH) {
      throw invalid();
    }
    String encoded = cursor.strip();
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(encoded);
      // the decoder ignores stray low bits in the last character: only the canonical form counts
      if (!encoded.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
        throw invalid();
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      int lastBar = text.lastIndexOf('|');
      if (lastBar < 0) {
        throw invalid();
      }
      String body = text.substring(0, lastBar);
      String checksum = text.substring(lastBar + 1);
      if (!checksum.equals(Long.toHexString(crc(body)))) {
        throw invalid();
      }
      String[] parts = body.split("\\|", -1);
      if (parts.length != 5 || !VERSION.equals(parts[0]) || !QueryParams.isHostId(parts[4])) {
        throw invalid();
      }
      return new PageCursor(
          fromMicros(Long.parseLong(parts[1])),
          parts[4],
          Integer.parseInt(parts[2]),
          Long.parseLong(parts[3]));
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      // NumberFormatException and base64 errors are IllegalArgumentExceptions
      throw invalid();
    }
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static long crc(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static BadParameter invalid() {
    return new BadParameter("before", "before must be a cursor from the 'next' of an earlier page");
  }
}
