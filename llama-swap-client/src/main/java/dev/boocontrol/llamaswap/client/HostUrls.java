package dev.boocontrol.llamaswap.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds absolute request URLs under a host's base URI. */
final class HostUrls {

  private final String origin;
  private final String prefix;

  HostUrls(URI base) {
    this.origin = base.getScheme() + "://" + base.getRawAuthority().replaceFirst("^.*@", "");
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** {@code path} must start with '/' and be encoded already. */
  String url(String path, List<Map.Entry<String, String>> query) {
    StringBuilder url = new StringBuilder(origin).append(prefix).append(path);
    char separator = '?';
    for (Map.Entry<String, String> param : query) {
      url.append(separator).append(encodeQuery(param.getKey()));
      if (param.getValue() != null) {
        url.append('=').append(encodeQuery(param.getValue()));
      }
      separator = '&';
    }
    return url.toString();
  }

  /**
   * Encodes a model id for a path: each segment percent-encoded, '/' kept, because llama-swap
   * resolves the longest run of segments that names a model.
   */
  static String encodeModelPath(String id) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isPathSafe(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  // RFC 3986 unreserved characters, a few sub-delims and ':' '@', plus '/' between segments.
  private static boolean isPathSafe(int c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || "-._~!$&'()*,;=:@/".indexOf(c) >= 0;
  }

  private static String encodeQuery(String value) {
    // URLEncoder writes '+' as %2B (offsets in timestamps) and spaces as '+', which Go decodes.
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
