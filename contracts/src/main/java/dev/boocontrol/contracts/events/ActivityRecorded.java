package dev.boocontrol.contracts.events;

import java.time.Instant;
import java.util.Map;

/**
 * A completed request on a host (a llama-swap activity row), keyed by host, epoch and activity id.
 * Token fields keep llama-swap's sentinels: -1 unknown, 0 no usage at all.
 *
 * @param epochCapturedAt the host's {@code /api/hardware captured_at} for this epoch, if known
 * @param source who sent it ({@code X-Boo-Source}), never null: "direct" when nothing says
 * @param sourceAttribution how the source was found: capture, inferred or none
 */
public record ActivityRecorded(
    String hostId,
    int epoch,
    Instant epochCapturedAt,
    long activityId,
    Instant finishedAt,
    String model,
    String reqPath,
    String respContentType,
    int respStatusCode,
    long inputTokens,
    long outputTokens,
    long cacheTokens,
    long draftTokens,
    long draftAccTokens,
    double promptPerSecond,
    double tokensPerSecond,
    long durationMs,
    boolean hasCapture,
    String errorMsg,
    Map<String, String> metadata,
    String source,
    String sourceAttribution) {}
