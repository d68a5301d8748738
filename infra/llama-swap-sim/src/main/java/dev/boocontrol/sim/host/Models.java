package dev.boocontrol.sim.host;

import dev.boocontrol.sim.core.GroupRules;
import dev.boocontrol.sim.core.ModelConfig;
import dev.boocontrol.sim.core.SimConfig;
import dev.boocontrol.sim.core.TtlPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model processes of one host and llama-swap's FIFO scheduler (spec §3.1 step 8, §12, §13).
 * Loads that would evict a model with requests in flight, or collide with another load, wait in a
 * FIFO queue; requests for the same model join one pending load (so A B A B is served A A B B).
 * Runs on the host's event loop only.
 */
final class Models {

  /** Process states with their wire names (spec §12). */
  enum State {
    STOPPED("stopped"),
    STARTING("starting"),
    READY("ready"),
    STOPPING("stopping"),
    SHUTDOWN("shutdown");

    final String wire;

    State(String wire) {
      this.wire = wire;
    }

    /** Starting and stopping count as loaded: they hold VRAM and block swaps. */
    boolean loaded() {
      return this == STARTING || this == READY || this == STOPPING;
    }
  }

  /** A failure llama-swap reports as 500 {@code unspecific error: <cause>}. */
  static final class LoadFailed extends RuntimeException {
    LoadFailed(String cause) {
      super("unspecific error: " + cause, null, false, false);
    }
  }

  final class Process {
    final ModelConfig config;
    State state = State.STOPPED;
    Instant readySince;
    Instant lastRequestEnd;
    int inFlight;
    final List<Promise<Process>> waiters = new ArrayList<>();
    final Set<Runnable> cutOnStop = new LinkedHashSet<>();
    final List<Promise<Void>> stopWaiters = new ArrayList<>();
    long timer = -1;

    Process(ModelConfig config) {
      this.config = config;
    }

    String id() {
      return config.id();
    }

    /** Queued plus running requests: what the concurrency limit counts. */
    int admitted() {
      return inFlight + waiters.size();
    }
  }

  /** What the host is told. */
  interface Listener {
    void stateChanged(Process process, State from);

    void upstreamLog(String model, String chunk);

    void proxyLog(String line);
  }

  private final Vertx vertx;
  private final Listener listener;
  private SimConfig config;
  private GroupRules rules;
  private final Map<String, Process> processes = new TreeMap<>();
  private final Deque<String> loadQueue = new ArrayDeque<>();

  Models(Vertx vertx, SimConfig config, Listener listener) {
    this.vertx = vertx;
    this.listener = listener;
    configure(config);
  }

  private void configure(SimConfig config) {
    this.config = config;
    this.rules = new GroupRules(config);
    processes.clear();
    config.models().values().forEach(m -> processes.put(m.id(), new Process(m)));
  }

  Collection<Process> all() {
    return processes.values();
  }

  Process get(String id) {
    return processes.get(id);
  }

  /**
   * Resolves to the process once it is ready and counts the request as in flight; the caller must
   * {@link #release} it. Fails with {@link LoadFailed} when the load fails or the model is unloaded
   * while the request waits.
   */
  /** A request's place: the future resolves when the model is ready; leave() quits the queue. */
  record Ticket(Future<Process> ready, Runnable leave) {}

  Ticket acquire(String id) {
    Process p = processes.get(id);
    if (p.state == State.READY) {
      // Ready and nothing to evict: served at once, whatever else waits (spec §3.1 step 8).
      p.inFlight++;
      return new Ticket(Future.succeededFuture(p), () -> {});
    }
    Promise<Process> promise = Promise.promise();
    p.waiters.add(promise);
    if (p.state != State.STARTING && !loadQueue.contains(id)) {
      loadQueue.add(id);
    }
    pump();
    return new Ticket(promise.future(), () -> abandon(p, promise));
  }

  /** The request left (done, failed or cancelled): the TTL clock restarts and queues may move. */
  void release(Process p) {
    p.inFlight = Math.max(0, p.inFlight - 1);
    p.lastRequestEnd = Instant.now();
    pump();
  }

  /** A client that disconnects while waiting leaves the queue; a load under way still finishes. */
  private void abandon(Process p, Promise<Process> waiter) {
    if (p.waiters.remove(waiter)) {
      pump();
    }
  }

  private void pump() {
    while (!loadQueue.isEmpty()) {
      Process target = processes.get(loadQueue.peek());
      if (target.state == State.READY) {
        loadQueue.poll();
        serveWaiters(target);
        continue;
      }
      if (target.state == State.STARTING) {
        loadQueue.poll();
        continue;
      }
      if (target.state == State.STOPPING) {
        return;
      }
      if (target.waiters.isEmpty()) {
        loadQueue.poll(); // every waiter left before the load began
        continue;
      }
      Set<String> running = new LinkedHashSet<>();
      processes.values().stream().filter(p -> p.state.loaded()).forEach(p -> running.add(p.id()));
      Set<String> evict = rules.evictionsFor(target.id(), running);
      boolean mustWait = false;
      for (String e : evict) {
        Process victim = processes.get(e);
        // A swap never cuts a live request and never races another load (spec §13).
        if (victim.state == State.STARTING || victim.inFlight > 0) {
          return;
        }
        if (victim.state == State.READY) {
          stop(victim, "swap");
        }
        mustWait = true;
      }
      if (mustWait) {
        return; // pump() runs again when the victims have stopped
      }
      loadQueue.poll();
      start(target);
    }
  }

  private void serveWaiters(Process p) {
    List<Promise<Process>> ready = List.copyOf(p.waiters);
    p.waiters.clear();
    for (Promise<Process> w : ready) {
      p.inFlight++;
      w.complete(p);
    }
  }

  private void failWaiters(Process p, String cause) {
    List<Promise<Process>> failed = List.copyOf(p.waiters);
    p.waiters.clear();
    failed.forEach(w -> w.fail(new LoadFailed(cause)));
  }

  private void start(Process p) {
    transition(p, State.STARTING);
    int port = portOf(p);
    listener.upstreamLog(
        p.id(), "main: loading model '" + p.config.sim().vramMb() + " MiB' for " + p.id() + "\n");
    long loadMs = Math.max(1, Math.round(p.config.sim().loadSeconds() * 1000));
    p.timer =
        vertx.setTimer(
            loadMs,
            t -> {
              p.timer = -1;
              if (p.state != State.STARTING) {
                return;
              }
              if (p.config.sim().failLoad()) {
                listener.upstreamLog(p.id(), "error: failed to load model\n");
                listener.proxyLog("[ERROR] <" + p.id() + "> upstream command exited prematurely");
                transition(p, State.STOPPED);
                failWaiters(p, "upstream command exited prematurely");
                pump();
                return;
              }
              listener.upstreamLog(
                  p.id(),
                  "main: HTTP server is listening, hostname: 127.0.0.1, port: "
                      + port
                      + ", http threads: 15\nsrv  update_slots: all slots are idle\n");
              listener.proxyLog(
                  "[INFO] <" + p.id() + "> Health check passed on " + p.config.proxy() + "/health");
              p.readySince = Instant.now();
              p.lastRequestEnd = null;
              transition(p, State.READY);
              serveWaiters(p);
              pump();
            });
  }

  /** Stops a loaded model: requests in flight are cut, waiting ones get 500 (spec §6.2). */
  Future<Void> stop(Process p, String reason) {
    if (!p.state.loaded()) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    p.stopWaiters.add(stopped);
    if (p.state == State.STOPPING) {
      return stopped.future();
    }
    if (p.timer >= 0) {
      vertx.cancelTimer(p.timer);
      p.timer = -1;
    }
    transition(p, State.STOPPING);
    List.copyOf(p.cutOnStop).forEach(Runnable::run);
    p.cutOnStop.clear();
    if (!"swap".equals(reason)) {
      failWaiters(p, "group: model unloaded");
      loadQueue.remove(p.id());
    }
    long unloadMs = Math.max(1, Math.round(p.config.sim().unloadSeconds() * 1000));
    p.timer =
        vertx.setTimer(
            unloadMs,
            t -> {
              p.timer = -1;
              finishStop(p, State.STOPPED);
            });
    return stopped.future();
  }

  private void finishStop(Process p, State end) {
    p.inFlight = 0;
    p.readySince = null;
    transition(p, end);
    List<Promise<Void>> done = List.copyOf(p.stopWaiters);
    p.stopWaiters.clear();
    done.forEach(Promise::tryComplete);
    pump();
  }

  /** Stops every local model and resolves once all are stopped ({@code /unload}). */
  Future<Void> stopAll() {
    List<Future<Void>> stops = new ArrayList<>();
    processes.values().stream()
        .filter(p -> p.state.loaded())
        .forEach(p -> stops.add(stop(p, "unload")));
    return Future.all(stops).mapEmpty();
  }

  /** The upstream exits by itself: ready goes straight to stopped (spec §12). */
  boolean crash(String id) {
    Process p = processes.get(id);
    if (p == null || p.state != State.READY) {
      return false;
    }
    listener.proxyLog("[INFO] <" + id + "> upstream process exited unexpectedly");
    List.copyOf(p.cutOnStop).forEach(Runnable::run);
    p.cutOnStop.clear();
    finishStop(p, State.STOPPED);
    return true;
  }

  /** The 1-second TTL ticker (spec §12). */
  void ttlTick(Instant now) {
    for (Process p : processes.values()) {
      if (p.state == State.READY
          && TtlPolicy.shouldUnload(
              now, p.config.ttl(), p.inFlight, p.lastRequestEnd, p.readySince)) {
        listener.proxyLog(
            "[INFO] <" + p.id() + "> Unloading model, TTL of " + p.config.ttl() + "s reached");
        stop(p, "ttl");
      }
    }
  }

  /**
   * Reload and restart retire every process: running models stop at once, waiters fail, and a new
   * set of stopped processes is built from {@code next}.
   */
  void retire(SimConfig next) {
    for (Process p : processes.values()) {
      if (p.timer >= 0) {
        vertx.cancelTimer(p.timer);
      }
      List.copyOf(p.cutOnStop).forEach(Runnable::run);
      failWaiters(p, "group is shutting down");
      p.stopWaiters.forEach(Promise::tryComplete);
      p.stopWaiters.clear();
    }
    loadQueue.clear();
    configure(next);
  }

  /** VRAM held per GPU index by loaded models. */
  Map<Integer, Integer> vramByGpu() {
    Map<Integer, Integer> used = new HashMap<>();
    processes.values().stream()
        .filter(p -> p.state.loaded())
        .forEach(p -> used.merge(p.config.sim().gpu(), p.config.sim().vramMb(), Integer::sum));
    return used;
  }

  /** Requests in flight per GPU index. */
  Map<Integer, Integer> activeByGpu() {
    Map<Integer, Integer> active = new HashMap<>();
    processes.values().forEach(p -> active.merge(p.config.sim().gpu(), p.inFlight, Integer::sum));
    return active;
  }

  private void transition(Process p, State to) {
    State from = p.state;
    p.state = to;
    listener.stateChanged(p, from);
  }

  private static int portOf(Process p) {
    String proxy = p.config.proxy();
    int colon = proxy.lastIndexOf(':');
    try {
      return Integer.parseInt(proxy.substring(colon + 1).replaceAll("[^0-9].*$", ""));
    } catch (RuntimeException e) {
      return 8080;
    }
  }

  SimConfig config() {
    return config;
  }
}
