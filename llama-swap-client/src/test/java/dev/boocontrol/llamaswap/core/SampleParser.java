package dev.boocontrol.llamaswap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.error.ErrorMapper;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import dev.boocontrol.llamaswap.core.event.DecodedEvent;
import dev.boocontrol.llamaswap.core.event.EventDecoder;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent;
import dev.boocontrol.llamaswap.core.model.ActivityPage;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.Capture;
import dev.boocontrol.llamaswap.core.model.Hardware;
import dev.boocontrol.llamaswap.core.model.LegacyMetrics;
import dev.boocontrol.llamaswap.core.model.OkMessage;
import dev.boocontrol.llamaswap.core.model.Performance;
import dev.boocontrol.llamaswap.core.model.ProfileChanged;
import dev.boocontrol.llamaswap.core.model.Profiles;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.Stats;
import dev.boocontrol.llamaswap.core.model.V1Models;
import dev.boocontrol.llamaswap.core.model.Version;
import dev.boocontrol.llamaswap.core.prometheus.PrometheusTextParser;
import dev.boocontrol.llamaswap.core.sse.SseEvent;
import dev.boocontrol.llamaswap.core.sse.SseParser;
import dev.boocontrol.llamaswap.core.sse.Utf8ChunkDecoder;
import dev.boocontrol.llamaswap.core.upstream.ChatCompletion;
import dev.boocontrol.llamaswap.core.upstream.ChatStreamParser;
import dev.boocontrol.llamaswap.core.upstream.ChatStreamSummary;
import dev.boocontrol.llamaswap.core.upstream.Embeddings;
import dev.boocontrol.llamaswap.core.upstream.TextCompletion;
import dev.boocontrol.llamaswap.core.upstream.Timings;
import dev.boocontrol.llamaswap.core.upstream.UpstreamProps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each kind of sample file is read. The value tests call these same parsers, and {@link
 * SampleCoverageTest} runs every file through the parser the catalog names, so each parser also
 * checks that its result is not empty or malformed.
 */
public enum SampleParser {
  ERROR_BODY(SampleParser::errorBody),
  EVENT_DATA(SampleParser::eventData),
  EVENT_STREAM(rel -> eventStream(Samples.bytes(rel))),
  LEGACY_LOG_SSE(SampleParser::legacyLogSse),
  LOG_TEXT(SampleParser::logText),
  ACTIVITY_PAGE(rel -> LlamaSwapJson.read(Samples.bytes(rel), ActivityPage.class)),
  ACTIVITY_ROW(rel -> LlamaSwapJson.read(Samples.bytes(rel), ActivityRow.class)),
  LEGACY_METRICS(rel -> LegacyMetrics.fromJson(LlamaSwapJson.tree(Samples.bytes(rel)))),
  STATS(rel -> LlamaSwapJson.read(Samples.bytes(rel), Stats.class)),
  PERFORMANCE(rel -> LlamaSwapJson.read(Samples.bytes(rel), Performance.class)),
  HARDWARE(rel -> LlamaSwapJson.read(Samples.bytes(rel), Hardware.class)),
  VERSION(rel -> LlamaSwapJson.read(Samples.bytes(rel), Version.class)),
  RUNNING(rel -> LlamaSwapJson.read(Samples.bytes(rel), Running.class)),
  V1_MODELS(rel -> LlamaSwapJson.read(Samples.bytes(rel), V1Models.class)),
  CAPTURE(rel -> LlamaSwapJson.read(Samples.bytes(rel), Capture.class)),
  PROFILES(rel -> LlamaSwapJson.read(Samples.bytes(rel), Profiles.class)),
  PROFILE_CHANGED(rel -> LlamaSwapJson.read(Samples.bytes(rel), ProfileChanged.class)),
  OK_MESSAGE(SampleParser::okMessage),
  TEXT_OK(SampleParser::textOk),
  PROMETHEUS(SampleParser::prometheus),
  CHAT_STREAM(rel -> ChatStreamParser.parseAll(Samples.text(rel))),
  CHAT_COMPLETION(rel -> LlamaSwapJson.read(Samples.bytes(rel), ChatCompletion.class)),
  CHAT_REQUEST(rel -> LlamaSwapJson.tree(Samples.bytes(rel))),
  TEXT_COMPLETION(rel -> LlamaSwapJson.read(Samples.bytes(rel), TextCompletion.class)),
  EMBEDDINGS(rel -> LlamaSwapJson.read(Samples.bytes(rel), Embeddings.class)),
  TIMINGS(rel -> LlamaSwapJson.read(Samples.bytes(rel), Timings.class)),
  UPSTREAM_PROPS(rel -> new UpstreamProps(LlamaSwapJson.tree(Samples.bytes(rel)))),
  CONFIG_MODEL_IDS(SampleParser::configModelIds),
  NOTE(SampleParser::note);

  private static final Pattern STATUS_IN_NAME = Pattern.compile("\\.(\\d{3})\\.");

  private final Function<String, Object> parser;

  SampleParser(Function<String, Object> parser) {
    this.parser = parser;
  }

  /** Parses one sample file (path relative to the samples folder) and checks it is meaningful. */
  public Object parse(String relativePath) {
    Object result = parser.apply(relativePath);
    assertThat(result).as("parse result of %s", relativePath).isNotNull();
    assertMeaningful(result, relativePath);
    return result;
  }

  public <T> T parse(String relativePath, Class<T> type) {
    return type.cast(parse(relativePath));
  }

  /** The HTTP status written in an error sample's name, such as {@code head.404.x.json}. */
  public static int statusOf(String relativePath) {
    Matcher m = STATUS_IN_NAME.matcher(relativePath.substring(relativePath.lastIndexOf('/') + 1));
    if (!m.find()) {
      throw new IllegalArgumentException("no status in sample name " + relativePath);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The events of a whole {@code /api/events} transcript. */
  public static List<DecodedEvent> eventStream(byte[] bytes) {
    List<DecodedEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(e -> events.add(EventDecoder.decode(e.data())));
    parser.feed(bytes);
    parser.finish();
    return events;
  }

  /** Wraps decoded event data the way llama-swap does: the data JSON becomes a JSON string. */
  public static String envelope(String type, String dataJson) {
    return LlamaSwapJson.mapper()
        .createObjectNode()
        .put("type", type)
        .put("data", dataJson)
        .toString();
  }

  /** The event type a data sample belongs to, from its name. */
  public static String eventTypeOf(String relativePath) {
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    if (name.startsWith("api-events.")) {
      name = name.substring("api-events.".length());
    }
    return name.substring(0, name.indexOf('.'));
  }

  private static Object errorBody(String rel) {
    String contentType = rel.endsWith(".txt") ? "text/plain; charset=utf-8" : "application/json";
    String retryAfter = statusOf(rel) == 429 ? "1" : null;
    return ErrorMapper.map(statusOf(rel), contentType, Samples.text(rel), retryAfter);
  }

  private static Object eventData(String rel) {
    return EventDecoder.decode(envelope(eventTypeOf(rel), Samples.text(rel)));
  }

  private static Object legacyLogSse(String rel) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    parser.feed(Samples.bytes(rel));
    parser.finish();
    return events;
  }

  private static Object logText(String rel) {
    Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
    String text = decoder.decode(Samples.bytes(rel)) + decoder.finish();
    return text.lines().toList();
  }

  private static Object okMessage(String rel) {
    OkMessage ok = LlamaSwapJson.read(Samples.bytes(rel), OkMessage.class);
    assertThat(ok.isOk()).as(rel).isTrue();
    return ok;
  }

  private static Object textOk(String rel) {
    String text = Samples.text(rel).strip();
    assertThat(text).as(rel).isEqualTo("OK");
    return text;
  }

  private static Object prometheus(String rel) {
    PrometheusTextParser.Result result = PrometheusTextParser.parse(Samples.text(rel));
    assertThat(result.skippedLines()).as(rel).isZero();
    return result;
  }

  private static Object configModelIds(String rel) {
    // No YAML parser on the classpath: read the keys directly under "models:".
    List<String> ids = new ArrayList<>();
    boolean inModels = false;
    for (String line : Samples.text(rel).lines().toList()) {
      if (!line.startsWith(" ") && !line.isBlank()) {
        inModels = line.startsWith("models:");
        continue;
      }
      Matcher key = Pattern.compile("^  \"?([A-Za-z0-9._/-]+)\"?:\\s*$").matcher(line);
      if (inModels && key.find()) {
        ids.add(key.group(1));
      }
    }
    return ids;
  }

  private static Object note(String rel) {
    String text = Samples.text(rel);
    assertThat(text).as(rel).contains("ARRAY");
    return text;
  }

  private static void assertMeaningful(Object result, String rel) {
    if (result instanceof List<?> list) {
      assertThat(list).as(rel).isNotEmpty();
      list.forEach(item -> assertMeaningful(item, rel));
    } else if (result instanceof DecodedEvent event) {
      assertThat(event).as(rel).isInstanceOf(LlamaSwapEvent.class);
      assertThat(event).as(rel).isNotInstanceOf(LlamaSwapEvent.Unknown.class);
    } else if (result instanceof LlamaSwapException error) {
      assertThat(error.getMessage()).as(rel).isNotBlank();
    } else if (result instanceof ChatStreamSummary summary) {
      assertThat(summary.done()).as(rel).isTrue();
      assertThat(summary.malformedChunks()).as(rel).isZero();
      assertThat(summary.content()).as(rel).isNotEmpty();
    } else if (result instanceof JsonNode node) {
      assertThat(node.isObject()).as(rel).isTrue();
    }
  }
}
