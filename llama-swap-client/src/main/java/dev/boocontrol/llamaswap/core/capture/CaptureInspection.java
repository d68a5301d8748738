package dev.boocontrol.llamaswap.core.capture;

import dev.boocontrol.llamaswap.core.model.Capture;
import java.util.Locale;
import java.util.Map;

/**
 * A capture made readable for an operator: secrets in both header sets redacted, both bodies
 * decoded, and for an SSE response the reassembled final message beside the raw stream.
 *
 * @param reqPath the request path llama-swap recorded
 * @param requestHeaders redacted; null when not kept
 * @param requestBody decoded request body
 * @param responseHeaders redacted; null when not kept
 * @param responseBody decoded response body (for SSE: the raw stream)
 * @param stream the reassembled message when the response is {@code text/event-stream} and its body
 *     is text; null otherwise
 */
public record CaptureInspection(
    String reqPath,
    Map<String, String> requestHeaders,
    CapturedBody requestBody,
    Map<String, String> responseHeaders,
    CapturedBody responseBody,
    StreamReassembly stream) {

  /** Inspects a capture as the llama-swap client decoded it (bodies already raw bytes). */
  public static CaptureInspection of(Capture capture) {
    CapturedBody request = CapturedBody.of(capture.reqBody());
    CapturedBody response = CapturedBody.of(capture.respBody());
    StreamReassembly stream =
        isEventStream(capture.respHeaders()) && response.text() != null
            ? StreamReassembly.of(response.text())
            : null;
    return new CaptureInspection(
        capture.reqPath(),
        HeaderRedactor.redact(capture.reqHeaders()),
        request,
        HeaderRedactor.redact(capture.respHeaders()),
        response,
        stream);
  }

  /** Whether the response headers say {@code Content-Type: text/event-stream} (any case). */
  static boolean isEventStream(Map<String, String> headers) {
    if (headers == null) {
      return false;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("Content-Type")
          && e.getValue() != null
          && e.getValue().toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
        return true;
      }
    }
    return false;
  }
}
