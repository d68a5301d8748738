package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/captures/{id}} (v190+): the stored request and response of one activity row. Any
 * part that was not kept is null (failed requests keep only headers; audio and image endpoints
 * leave out big binary bodies). Bodies arrive as standard base64 and are decoded here.
 *
 * @param reqHeaders secrets are {@code [REDACTED]}; null when not kept
 * @param reqBody the body after filters rewrote it; null when not kept
 * @param respHeaders null when not kept
 * @param respBody decompressed; for SSE the whole stream; null when not kept
 */
public record Capture(
    long id,
    String reqPath,
    Map<String, String> reqHeaders,
    byte[] reqBody,
    Map<String, String> respHeaders,
    byte[] respBody) {

  public Optional<Map<String, String>> requestHeaders() {
    return Optional.ofNullable(reqHeaders);
  }

  public Optional<byte[]> requestBody() {
    return Optional.ofNullable(reqBody);
  }

  public Optional<Map<String, String>> responseHeaders() {
    return Optional.ofNullable(respHeaders);
  }

  public Optional<byte[]> responseBody() {
    return Optional.ofNullable(respBody);
  }

  /** The request body as UTF-8 text. */
  public Optional<String> requestBodyText() {
    return requestBody().map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The response body as UTF-8 text. */
  public Optional<String> responseBodyText() {
    return responseBody().map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** Reads the wire form; header values that arrive as arrays are joined with ", ". */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Capture fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("capture must be a JSON object");
    }
    return new Capture(
        node.path("id").asLong(),
        node.hasNonNull("req_path") ? node.get("req_path").asText() : "",
        headers(node.get("req_headers")),
        base64(node.get("req_body")),
        headers(node.get("resp_headers")),
        base64(node.get("resp_body")));
  }

  private static Map<String, String> headers(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              JsonNode value = e.getValue();
              if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                value.forEach(v -> joined.append(joined.isEmpty() ? "" : ", ").append(v.asText()));
                map.put(e.getKey(), joined.toString());
              } else {
                map.put(e.getKey(), value.asText());
              }
            });
    return Collections.unmodifiableMap(map);
  }

  private static byte[] base64(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return Base64.getDecoder().decode(node.asText());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capture c
        && id == c.id
        && Objects.equals(reqPath, c.reqPath)
        && Objects.equals(reqHeaders, c.reqHeaders)
        && Arrays.equals(reqBody, c.reqBody)
        && Objects.equals(respHeaders, c.respHeaders)
        && Arrays.equals(respBody, c.respBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, reqPath, reqHeaders, Arrays.hashCode(reqBody), respHeaders, Arrays.hashCode(respBody));
  }

  @Override
  public String toString() {
    return "Capture[id="
        + id
        + ", reqPath="
        + reqPath
        + ", reqBody="
        + (reqBody == null ? "null" : reqBody.length + " bytes")
        + ", respBody="
        + (respBody == null ? "null" : respBody.length + " bytes")
        + "]";
  }
}
