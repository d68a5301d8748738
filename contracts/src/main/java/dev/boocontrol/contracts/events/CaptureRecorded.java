package dev.boocontrol.contracts.events;

import java.time.Instant;
import java.util.Map;

/**
 * A copy of one activity row's llama-swap capture, taken by the connector while the host still held
 * it (llama-swap keeps captures in memory only, so they vanish on restart). Sent on {@code
 * fleet.captures} for the capture vault. Never carries the host's API key: request headers are
 * redacted before publishing.
 *
 * @param hostId BooControl host id
 * @param epoch the host's process lifetime the row belongs to
 * @param activityId the llama-swap activity row id
 * @param finishedAt when the request finished (the row's timestamp)
 * @param reqPath request path as llama-swap recorded it
 * @param reqHeaders redacted request headers; null when llama-swap kept none
 * @param reqBodyBase64 standard base64 of the request body; null when not kept
 * @param respHeaders redacted response headers; null when not kept
 * @param respBodyBase64 standard base64 of the response body; null when not kept
 * @param sizeBytes raw bytes of both bodies together (what the vault caps count)
 */
public record CaptureRecorded(
    String hostId,
    int epoch,
    long activityId,
    Instant finishedAt,
    String reqPath,
    Map<String, String> reqHeaders,
    String reqBodyBase64,
    Map<String, String> respHeaders,
    String respBodyBase64,
    long sizeBytes) {}
