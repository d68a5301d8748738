package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One in-flight request (spec §7.3.4). v235–v239 sent only id, timestamp, model, req_path, method
 * and metadata; the other fields are then empty or zero.
 *
 * @param id per-process counter as a string; restarts at "1" and is not the activity id
 * @param timestamp request start, nanosecond precision
 * @param reqHeaders first value per header, secrets replaced by {@code [REDACTED]}
 * @param respHeaders empty until the upstream answers
 * @param respBytes running total of bytes sent to the client
 * @param elapsedMs computed when the event was published
 */
public record InflightEntry(
    @JsonProperty("id") String id,
    @JsonProperty("timestamp") OffsetDateTime timestamp,
    @JsonProperty("model") String model,
    @JsonProperty("req_path") String reqPath,
    @JsonProperty("method") String method,
    @JsonProperty("req_headers") Map<String, String> reqHeaders,
    @JsonProperty("remote_ip") String remoteIp,
    @JsonProperty("resp_headers") Map<String, String> respHeaders,
    @JsonProperty("resp_bytes") long respBytes,
    @JsonProperty("elapsed_ms") long elapsedMs,
    @JsonProperty("metadata") Map<String, String> metadata) {

  public InflightEntry {
    id = id == null ? "" : id;
    model = model == null ? "" : model;
    reqPath = reqPath == null ? "" : reqPath;
    method = method == null ? "" : method;
    reqHeaders = Collections2.map(reqHeaders);
    remoteIp = remoteIp == null ? "" : remoteIp;
    respHeaders = Collections2.map(respHeaders);
    metadata = Collections2.map(metadata);
  }

  /** True once the upstream answered (response headers are known). */
  public boolean hasResponseHeaders() {
    return !respHeaders.isEmpty();
  }
}
