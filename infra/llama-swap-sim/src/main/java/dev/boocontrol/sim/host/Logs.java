package dev.boocontrol.sim.host;

import dev.boocontrol.sim.core.LogRing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The log rings of one host (spec §10): proxy, upstream (all models merged), the stdout "mux" ring
 * behind {@code /logs} (proxy lines, as with the default {@code logToStdout: proxy}) and one ring
 * per model. Every proxy or upstream write is also published as {@code logData}.
 */
final class Logs {

  static final int RING_BYTES = 100 * 1024;

  private final LogRing proxy = new LogRing(RING_BYTES);
  private final LogRing upstream = new LogRing(RING_BYTES);
  private final LogRing mux = new LogRing(RING_BYTES);
  private final Map<String, LogRing> models = new HashMap<>();
  private final Map<String, List<HttpServerResponse>> streams = new HashMap<>();
  private final BiConsumer<String, String> publish;

  /**
   * @param publish receives (source, text) for every write: the host turns it into logData
   */
  Logs(BiConsumer<String, String> publish) {
    this.publish = publish;
  }

  void proxy(String line) {
    String text = line.endsWith("\n") ? line : line + "\n";
    proxy.write(text);
    mux.write(text);
    publish.accept("proxy", text);
    fanOut("proxy", text);
  }

  void info(String message) {
    proxy("[INFO] " + message);
  }

  /** A chunk of a model process's stdout/stderr. */
  void upstream(String model, String chunk) {
    upstream.write(chunk);
    models.computeIfAbsent(model, m -> new LogRing(RING_BYTES)).write(chunk);
    publish.accept("upstream", chunk);
    fanOut("upstream", chunk);
    fanOut("model:" + model, chunk);
  }

  /**
   * Raw text as a process would write it (partial lines, ANSI colours, llama-swap's own {@code — N
   * bytes dropped —} notice): to the proxy log, or to the upstream log of a model.
   */
  void raw(String source, String model, String text) {
    if (source.equals("proxy")) {
      proxy.write(text);
      mux.write(text);
      publish.accept("proxy", text);
      fanOut("proxy", text);
    } else {
      upstream(model, text);
    }
  }

  String proxyHistory() {
    return proxy.snapshot();
  }

  String upstreamHistory() {
    return upstream.snapshot();
  }

  String muxHistory() {
    return mux.snapshot();
  }

  /** History of a stream id: proxy, upstream or a model; empty for an unknown model ring. */
  String history(String streamKey) {
    return switch (streamKey) {
      case "proxy" -> proxy.snapshot();
      case "upstream" -> upstream.snapshot();
      case "mux" -> mux.snapshot();
      default ->
          Optional.ofNullable(models.get(streamKey.substring("model:".length())))
              .map(LogRing::snapshot)
              .orElse("");
    };
  }

  /** Follows a stream until the returned hook runs (the exchange closed). */
  Runnable follow(String streamKey, HttpServerResponse response) {
    streams.computeIfAbsent(streamKey, k -> new ArrayList<>()).add(response);
    return () -> streams.getOrDefault(streamKey, List.of()).remove(response);
  }

  private void fanOut(String key, String text) {
    List<HttpServerResponse> readers = new ArrayList<>(streams.getOrDefault(key, List.of()));
    if (key.equals("proxy")) {
      readers.addAll(streams.getOrDefault("mux", List.of()));
    }
    for (HttpServerResponse r : readers) {
      // llama-swap drops chunks for a slow reader (10-chunk buffer); here: a full write queue.
      if (!r.closed() && !r.ended() && !r.writeQueueFull()) {
        r.write(Buffer.buffer(text));
      }
    }
  }

  /** Reload: per-model rings are recreated and live streams close (spec §10, §12). */
  void reload() {
    models.clear();
    closeStreams();
  }

  /** Restart: every ring is lost. */
  void restart() {
    proxy.clear();
    upstream.clear();
    mux.clear();
    models.clear();
    closeStreams();
  }

  private void closeStreams() {
    List<HttpServerResponse> open = new java.util.ArrayList<>();
    streams.values().forEach(open::addAll);
    streams.clear();
    open.stream().filter(r -> !r.ended() && !r.closed()).forEach(HttpServerResponse::end);
  }
}
