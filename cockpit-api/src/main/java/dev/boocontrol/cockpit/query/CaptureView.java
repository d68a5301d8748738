package dev.boocontrol.cockpit.query;

import dev.boocontrol.llamaswap.core.capture.CaptureInspection;
import dev.boocontrol.llamaswap.core.capture.CapturedBody;
import dev.boocontrol.llamaswap.core.capture.StreamReassembly;
import java.util.Map;

/**
 * One request's capture as the cockpit shows it.
 *
 * @param source {@code host} (read live from llama-swap) or {@code vault} (BooControl's copy)
 * @param hostUrl the host's base URL without credentials, for a ready-to-run curl
 * @param requestHeaders secrets shown as {@code [redacted]}; null when not kept
 * @param responseBody for SSE the raw stream; {@code stream} holds the reassembled message
 */
public record CaptureView(
    String hostId,
    int epoch,
    long activityId,
    String source,
    String hostUrl,
    String reqPath,
    Map<String, String> requestHeaders,
    CapturedBody requestBody,
    Map<String, String> responseHeaders,
    CapturedBody responseBody,
    StreamReassembly stream) {

  public static CaptureView of(
      String hostId,
      int epoch,
      long activityId,
      String source,
      String hostUrl,
      CaptureInspection i) {
    return new CaptureView(
        hostId,
        epoch,
        activityId,
        source,
        hostUrl,
        i.reqPath(),
        i.requestHeaders(),
        i.requestBody(),
        i.responseHeaders(),
        i.responseBody(),
        i.stream());
  }
}
