package dev.boocontrol.llamaswap.core;

import static dev.boocontrol.llamaswap.core.SampleParser.ACTIVITY_PAGE;
import static dev.boocontrol.llamaswap.core.SampleParser.ACTIVITY_ROW;
import static dev.boocontrol.llamaswap.core.SampleParser.CAPTURE;
import static dev.boocontrol.llamaswap.core.SampleParser.CHAT_COMPLETION;
import static dev.boocontrol.llamaswap.core.SampleParser.CHAT_REQUEST;
import static dev.boocontrol.llamaswap.core.SampleParser.CHAT_STREAM;
import static dev.boocontrol.llamaswap.core.SampleParser.CONFIG_MODEL_IDS;
import static dev.boocontrol.llamaswap.core.SampleParser.EMBEDDINGS;
import static dev.boocontrol.llamaswap.core.SampleParser.ERROR_BODY;
import static dev.boocontrol.llamaswap.core.SampleParser.EVENT_DATA;
import static dev.boocontrol.llamaswap.core.SampleParser.EVENT_STREAM;
import static dev.boocontrol.llamaswap.core.SampleParser.HARDWARE;
import static dev.boocontrol.llamaswap.core.SampleParser.LEGACY_LOG_SSE;
import static dev.boocontrol.llamaswap.core.SampleParser.LEGACY_METRICS;
import static dev.boocontrol.llamaswap.core.SampleParser.LOG_TEXT;
import static dev.boocontrol.llamaswap.core.SampleParser.NOTE;
import static dev.boocontrol.llamaswap.core.SampleParser.OK_MESSAGE;
import static dev.boocontrol.llamaswap.core.SampleParser.PERFORMANCE;
import static dev.boocontrol.llamaswap.core.SampleParser.PROFILES;
import static dev.boocontrol.llamaswap.core.SampleParser.PROFILE_CHANGED;
import static dev.boocontrol.llamaswap.core.SampleParser.PROMETHEUS;
import static dev.boocontrol.llamaswap.core.SampleParser.RUNNING;
import static dev.boocontrol.llamaswap.core.SampleParser.STATS;
import static dev.boocontrol.llamaswap.core.SampleParser.TEXT_COMPLETION;
import static dev.boocontrol.llamaswap.core.SampleParser.TEXT_OK;
import static dev.boocontrol.llamaswap.core.SampleParser.TIMINGS;
import static dev.boocontrol.llamaswap.core.SampleParser.UPSTREAM_PROPS;
import static dev.boocontrol.llamaswap.core.SampleParser.V1_MODELS;
import static dev.boocontrol.llamaswap.core.SampleParser.VERSION;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every sample file and the parser that reads it. A sample added to the shared folder without an
 * entry here fails {@link SampleCoverageTest}.
 */
public final class SampleCatalog {

  public static final Map<String, SampleParser> FILES = build();

  private SampleCatalog() {}

  private static Map<String, SampleParser> build() {
    Map<String, SampleParser> m = new TreeMap<>();
    m.put("config.sample.yaml", CONFIG_MODEL_IDS);

    m.put("errors/head.400.activity-bad-limit.json", ERROR_BODY);
    m.put("errors/head.400.capture-bad-id.json", ERROR_BODY);
    m.put("errors/head.400.logs-stream-unknown-id.json", ERROR_BODY);
    m.put("errors/head.401.unauthorized.json", ERROR_BODY);
    m.put("errors/head.404.capture-not-found.json", ERROR_BODY);
    m.put("errors/head.404.inflight-not-found.json", ERROR_BODY);
    m.put("errors/head.404.no-model-in-request.json", ERROR_BODY);
    m.put("errors/head.404.no-model.accept-text-plain.txt", ERROR_BODY);
    m.put("errors/head.404.unknown-model.json", ERROR_BODY);
    m.put("errors/head.404.unload-unknown-model.json", ERROR_BODY);
    m.put("errors/head.409.upstream-ignore-path.json", ERROR_BODY);
    m.put("errors/head.429.concurrency-limit.json", ERROR_BODY);
    m.put("errors/head.503.hardware-unavailable.json", ERROR_BODY);
    m.put("errors/head.503.process-not-ready.json", ERROR_BODY);
    m.put("errors/legacy-v179-v217.401.json", ERROR_BODY);
    m.put("errors/v218-v224.404.no-model-in-request.json", ERROR_BODY);
    m.put("errors/v218-v250.503.process-not-ready.txt", ERROR_BODY);
    m.put("errors/v225-v250.404.no-model-in-request.json", ERROR_BODY);
    m.put("errors/v225-v250.404.unknown-model.json", ERROR_BODY);
    m.put("errors/v227-v250.429.concurrency-limit.json", ERROR_BODY);

    m.put("events-data/activity.json", EVENT_DATA);
    m.put("events-data/inflight.remove.json", EVENT_DATA);
    m.put("events-data/inflight.snapshot-empty.json", EVENT_DATA);
    m.put("events-data/inflight.snapshot.json", EVENT_DATA);
    m.put("events-data/inflight.upsert.json", EVENT_DATA);
    m.put("events-data/logData.dropped-marker.json", EVENT_DATA);
    m.put("events-data/logData.proxy.json", EVENT_DATA);
    m.put("events-data/logData.upstream.json", EVENT_DATA);
    m.put("events-data/modelStatus.json", EVENT_DATA);
    m.put("events-data/profileChanged.active.json", EVENT_DATA);
    m.put("events-data/profileChanged.none.json", EVENT_DATA);
    m.put("events-data/uiConfig.json", EVENT_DATA);

    m.put("expected/activity-row-from-llamacpp-stream.json", ACTIVITY_ROW);

    m.put("http/api-captures-40.failed-request.200.json", CAPTURE);
    m.put("http/api-captures-42.200.json", CAPTURE);
    m.put("http/api-hardware.200.json", HARDWARE);
    m.put("http/api-inflight-cancel.200.json", OK_MESSAGE);
    m.put("http/api-metrics-activity.200.json", ACTIVITY_PAGE);
    m.put("http/api-metrics-activity.empty.200.json", ACTIVITY_PAGE);
    m.put("http/api-metrics-activity.min_id-42.200.json", ACTIVITY_PAGE);
    m.put("http/api-metrics-stats.200.json", STATS);
    m.put("http/api-metrics-stats.empty.200.json", STATS);
    m.put("http/api-models-unload-model.200.txt", TEXT_OK);
    m.put("http/api-models-unload.200.json", OK_MESSAGE);
    m.put("http/api-performance.200.json", PERFORMANCE);
    m.put("http/api-performance.after.200.json", PERFORMANCE);
    m.put("http/api-performance.disabled.503.json", ERROR_BODY);
    m.put("http/api-performance.no-samples-yet.200.json", PERFORMANCE);
    m.put("http/api-profiles-active.put.200.json", PROFILE_CHANGED);
    m.put("http/api-profiles.200.json", PROFILES);
    m.put("http/api-version.200.json", VERSION);
    m.put("http/health.200.txt", TEXT_OK);
    m.put("http/logs.200.txt", LOG_TEXT);
    m.put("http/metrics.prometheus.200.txt", PROMETHEUS);
    m.put("http/metrics.prometheus.disabled.503.txt", ERROR_BODY);
    m.put("http/running.200.json", RUNNING);
    m.put("http/running.empty.200.json", RUNNING);
    m.put("http/running.starting.200.json", RUNNING);
    m.put("http/unload.200.txt", TEXT_OK);
    m.put("http/v1-models.200.json", V1_MODELS);

    m.put("legacy/api-events.inflight.v192-v234.data.json", EVENT_DATA);
    m.put("legacy/api-events.inflight.v235-v239.data.json", EVENT_DATA);
    m.put("legacy/api-events.inflight.v235-v239.empty.data.json", EVENT_DATA);
    m.put("legacy/api-events.metrics.v140-v150.data.json", EVENT_DATA);
    m.put("legacy/api-events.metrics.v152-v235.note.txt", NOTE);
    m.put("legacy/api-events.metrics.v229-v235.data.json", EVENT_DATA);
    m.put("legacy/api-events.modelStatus.v217.data.json", EVENT_DATA);
    m.put("legacy/api-metrics.v151-v157.200.json", LEGACY_METRICS);
    m.put("legacy/api-metrics.v158-v189.200.json", LEGACY_METRICS);
    m.put("legacy/api-metrics.v190-v208.200.json", LEGACY_METRICS);
    m.put("legacy/api-metrics.v209-v226.200.json", LEGACY_METRICS);
    m.put("legacy/api-metrics.v229-v235.200.json", LEGACY_METRICS);
    m.put("legacy/api-performance.v212-v228.200.json", PERFORMANCE);
    m.put("legacy/logs-streamSSE.v0.0.51-v134.sse.txt", LEGACY_LOG_SSE);
    m.put("legacy/running.v94-v185.200.json", RUNNING);

    m.put("sse/api-events.initial.sse.txt", EVENT_STREAM);
    m.put("sse/api-events.profile-switch.sse.txt", EVENT_STREAM);
    m.put("sse/api-events.request-lifecycle.sse.txt", EVENT_STREAM);
    m.put("sse/api-events.ttl-unload.sse.txt", EVENT_STREAM);
    m.put("sse/logs-stream-qwen3-30b.transcript.txt", LOG_TEXT);
    m.put("sse/logs-stream.transcript.txt", LOG_TEXT);

    m.put("upstream/llamacpp-timings.json", TIMINGS);
    m.put("upstream/llamacpp-timings.speculative.json", TIMINGS);
    m.put("upstream/props.llamacpp.200.json", UPSTREAM_PROPS);
    m.put("upstream/v1-chat-completions.nonstream.llamacpp.200.json", CHAT_COMPLETION);
    m.put("upstream/v1-chat-completions.request.json", CHAT_REQUEST);
    m.put("upstream/v1-chat-completions.stream.llamacpp-no-include-usage.sse.txt", CHAT_STREAM);
    m.put("upstream/v1-chat-completions.stream.llamacpp.sse.txt", CHAT_STREAM);
    m.put("upstream/v1-chat-completions.stream.with-loading-state.sse.txt", CHAT_STREAM);
    m.put("upstream/v1-completions.nonstream.llamacpp.200.json", TEXT_COMPLETION);
    m.put("upstream/v1-embeddings.llamacpp.200.json", EMBEDDINGS);
    return m;
  }
}
