package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored request/response pair, as {@code GET /api/captures/{id}} returns it (spec 8.6). Bodies
 * serialise as standard base64; any part that was not kept is {@code null}.
 */
public record Capture(
    @JsonProperty("id") long id,
    @JsonProperty("req_path") String reqPath,
    @JsonProperty("req_headers") Map<String, String> reqHeaders,
    @JsonProperty("req_body") byte[] reqBody,
    @JsonProperty("resp_headers") Map<String, String> respHeaders,
    @JsonProperty("resp_body") byte[] respBody) {

  public Capture {
    reqHeaders = reqHeaders == null ? null : new TreeMap<>(reqHeaders);
    respHeaders = respHeaders == null ? null : new TreeMap<>(respHeaders);
  }

  /** What the cache charges for this capture: body bytes plus UTF-8 header names and values. */
  public long sizeBytes() {
    return length(reqBody) + length(respBody) + headerBytes(reqHeaders) + headerBytes(respHeaders);
  }

  private static long length(byte[] body) {
    return body == null ? 0 : body.length;
  }

  private static long headerBytes(Map<String, String> headers) {
    if (headers == null) {
      return 0;
    }
    long total = 0;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      total += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }
}
