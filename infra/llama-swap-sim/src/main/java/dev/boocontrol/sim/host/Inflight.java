package dev.boocontrol.sim.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * In-flight requests of one host (spec §7.3.4): {@code snapshot} on connect, {@code upsert} when a
 * request starts, when its response headers arrive and as bytes flow (at most one per 250 ms per
 * request), {@code remove} when it ends. Ids are a string counter from "1" that restarts on every
 * restart and reload. Runs on the host's event loop.
 */
final class Inflight {

  /** One entry, fields in llama-swap's order. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(
      String id,
      Instant timestamp,
      String model,
      @JsonProperty("req_path") String reqPath,
      String method,
      @JsonProperty("req_headers") Map<String, String> reqHeaders,
      @JsonProperty("remote_ip") String remoteIp,
      @JsonProperty("resp_headers") Map<String, String> respHeaders,
      @JsonProperty("resp_bytes") long respBytes,
      @JsonProperty("elapsed_ms") long elapsedMs,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Snapshot(String operation, List<Entry> requests) {}

  record Upsert(String operation, Entry request) {}

  record Remove(String operation, String id) {}

  /** Mutable state behind an entry. */
  final class Request {
    final String id;
    final Instant startedAt;
    final String model;
    final String reqPath;
    final String method;
    final Map<String, String> reqHeaders;
    final String remoteIp;
    Map<String, String> respHeaders = Map.of();
    long respBytes;
    private long lastUpsertNanos;
    private Runnable cancel = () -> {};

    private Request(
        String model,
        String reqPath,
        String method,
        Map<String, String> reqHeaders,
        String remoteIp) {
      this.id = Long.toString(++counter);
      this.startedAt = Instant.now();
      this.model = model;
      this.reqPath = reqPath;
      this.method = method;
      this.reqHeaders = reqHeaders;
      this.remoteIp = remoteIp;
    }

    Entry entry() {
      return new Entry(
          id,
          startedAt,
          model,
          reqPath,
          method,
          reqHeaders,
          remoteIp,
          respHeaders,
          respBytes,
          java.time.Duration.between(startedAt, Instant.now()).toMillis(),
          Map.of());
    }

    void headers(Map<String, String> headers) {
      respHeaders = headers;
      publishUpsert();
    }

    void bytes(long count) {
      respBytes += count;
      long now = System.nanoTime();
      if (now - lastUpsertNanos >= 250_000_000L) {
        publishUpsert();
      }
    }

    void onCancel(Runnable cancel) {
      this.cancel = cancel;
    }

    void end() {
      if (requests.remove(id) != null) {
        publish.accept("inflight", new Remove("remove", id));
      }
    }

    private void publishUpsert() {
      lastUpsertNanos = System.nanoTime();
      publish.accept("inflight", new Upsert("upsert", entry()));
    }
  }

  private final Map<String, Request> requests = new LinkedHashMap<>();
  private final BiConsumer<String, Object> publish;
  private long counter;

  Inflight(BiConsumer<String, Object> publish) {
    this.publish = publish;
  }

  Request start(
      String model,
      String reqPath,
      String method,
      Map<String, String> reqHeaders,
      String remoteIp) {
    Request r = new Request(model, reqPath, method, reqHeaders, remoteIp);
    requests.put(r.id, r);
    r.publishUpsert();
    return r;
  }

  /** The snapshot message; an empty list is omitted, as Go's omitempty does. */
  Snapshot snapshot() {
    List<Entry> entries = new ArrayList<>();
    requests.values().forEach(r -> entries.add(r.entry()));
    return new Snapshot("snapshot", entries);
  }

  /** {@code POST /api/inflight/{id}/cancel}. */
  boolean cancel(String id) {
    Request r = requests.get(id);
    if (r == null) {
      return false;
    }
    r.cancel.run();
    return true;
  }

  /** Restart and reload reset the counter. */
  void reset() {
    requests.clear();
    counter = 0;
  }

  int size() {
    return requests.size();
  }
}
