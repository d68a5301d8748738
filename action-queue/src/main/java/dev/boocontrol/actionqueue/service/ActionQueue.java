package dev.boocontrol.actionqueue.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.actionqueue.config.ActionQueueConfig;
import dev.boocontrol.actionqueue.core.Action;
import dev.boocontrol.actionqueue.core.ActionRequest;
import dev.boocontrol.actionqueue.core.ActionState;
import dev.boocontrol.actionqueue.core.Admission;
import dev.boocontrol.actionqueue.core.Courtesy;
import dev.boocontrol.actionqueue.core.DequeueCheck;
import dev.boocontrol.actionqueue.core.Failures;
import dev.boocontrol.actionqueue.core.HostQueue;
import dev.boocontrol.actionqueue.core.Rejection;
import dev.boocontrol.actionqueue.messaging.FleetWatch;
import dev.boocontrol.actionqueue.messaging.JobPublisher;
import dev.boocontrol.actionqueue.repository.ActionRepository;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.events.JobEvents;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.registry.HostRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The per-host FIFO of control actions (see DESIGN.md beside this class): admission at submit, the
 * dequeue checks and the host-access seam before each run, one action at a time per host, hosts in
 * parallel. Every state change is written to {@code control_actions} and then published on {@code
 * control.jobs}.
 */
@ApplicationScoped
public class ActionQueue {

  private static final Logger LOG = Logger.getLogger(ActionQueue.class);

  /** How many finished actions a host's listing shows. */
  public static final int FINISHED_SHOWN = 20;

  private final ActionQueueConfig config;
  private final HostRepository hosts;
  private final ActionRepository actions;
  private final FleetWatch fleet;
  private final HostAccess access;
  private final HostClients clients;
  private final JobPublisher jobs;
  private final String owner;
  private final Map<String, HostQueue<Action>> queues = new ConcurrentHashMap<>();

  /** Open (queued or running) action id → host id. */
  private final Map<String, String> open = new ConcurrentHashMap<>();

  ActionQueue(
      ActionQueueConfig config,
      ServiceConfig service,
      HostRepository hosts,
      ActionRepository actions,
      FleetWatch fleet,
      HostAccess access,
      HostClients clients,
      JobPublisher jobs) {
    this.config = config;
    this.hosts = hosts;
    this.actions = actions;
    this.fleet = fleet;
    this.access = access;
    this.clients = clients;
    this.jobs = jobs;
    this.owner = service.instanceId();
  }

  // ------------------------------------------------------------------ submit, cancel, read

  /** What became of a submission. Exactly one of the three is set. */
  public record Submitted(
      Action action, Integer position, Rejection rejection, Courtesy.Decision refusal) {}

  public Uni<Submitted> submit(String hostId, ActionRequest request) {
    Admission.Checked checked = Admission.validate(request);
    if (!checked.isOk()) {
      return Uni.createFrom().item(new Submitted(null, null, checked.rejection(), null));
    }
    return host(hostId)
        .chain(
            host -> {
              Optional<Rejection> refused =
                  Admission.admit(
                      hostId,
                      host,
                      fleet.liveness(hostId),
                      queue(hostId).waitingCountLocked(),
                      config.maxQueueDepth());
              if (refused.isPresent()) {
                return Uni.createFrom().item(new Submitted(null, null, refused.get(), null));
              }
              Action action =
                  Action.queued(
                      UUID.randomUUID().toString(), hostId, checked.request(), Instant.now());
              return access
                  .acquireHostAccess(hostId, action.describe(), action.takeoverConfirmed())
                  .chain(
                      decision ->
                          decision.proceed()
                              ? enqueue(action)
                              : Uni.createFrom().item(new Submitted(null, null, null, decision)));
            });
  }

  private Uni<Submitted> enqueue(Action action) {
    Locked q = queue(action.hostId());
    OptionalInt position;
    synchronized (q) {
      position = q.queue.offer(action.id(), action, config.maxQueueDepth());
    }
    if (position.isEmpty()) { // lost a race for the last place
      Rejection full = Admission.queueFull(action.hostId(), config.maxQueueDepth());
      return Uni.createFrom().item(new Submitted(null, null, full, null));
    }
    open.put(action.id(), action.hostId());
    return actions
        .insert(action, owner)
        .onFailure()
        .invoke(
            f -> {
              synchronized (q) {
                q.queue.remove(action.id());
              }
              open.remove(action.id());
              LOG.errorf("could not record action %s: %s", action.id(), f.getMessage());
            })
        .chain(() -> publish(action, position.getAsInt()))
        .map(
            ignored -> {
              synchronized (q) {
                q.queue.recorded(action.id());
              }
              LOG.infof(
                  "queued %s on %s for %s (position %d, action %s)",
                  action.describe(),
                  action.hostId(),
                  action.requestedBy(),
                  position.getAsInt(),
                  action.id());
              kick(action.hostId());
              return new Submitted(action, position.getAsInt(), null, null);
            });
  }

  /** What became of a cancel request. */
  public enum CancelOutcome {
    CANCELLED,
    NOT_FOUND,
    TOO_LATE
  }

  public record Cancelled(CancelOutcome outcome, Action action) {}

  public Uni<Cancelled> cancel(String id, String by) {
    String hostId = open.get(id);
    if (hostId != null) {
      Locked q = queue(hostId);
      Action waiting = null;
      synchronized (q) {
        OptionalInt at = q.queue.position(id);
        if (at.isPresent()) {
          waiting = q.queue.waiting().get(at.getAsInt() - 1);
          q.queue.remove(id);
        }
      }
      if (waiting != null) {
        String who = by == null || by.isBlank() ? "" : " by " + by.strip();
        return end(waiting, ActionState.CANCELLED, "cancelled" + who + " before it ran")
            .map(a -> new Cancelled(CancelOutcome.CANCELLED, a));
      }
    }
    return find(id)
        .map(
            found ->
                found
                    .map(v -> new Cancelled(CancelOutcome.TOO_LATE, v.action()))
                    .orElse(new Cancelled(CancelOutcome.NOT_FOUND, null)));
  }

  /** An action with its queue position (null unless waiting). */
  public record Positioned(Action action, Integer position) {}

  public Uni<Optional<Positioned>> find(String id) {
    String hostId = open.get(id);
    if (hostId != null) {
      Locked q = queue(hostId);
      synchronized (q) {
        Optional<Action> running = q.queue.running().filter(a -> a.id().equals(id));
        if (running.isPresent()) {
          return Uni.createFrom().item(Optional.of(new Positioned(running.get(), null)));
        }
        OptionalInt at = q.queue.position(id);
        if (at.isPresent()) {
          Action a = q.queue.waiting().get(at.getAsInt() - 1);
          return Uni.createFrom().item(Optional.of(new Positioned(a, at.getAsInt())));
        }
      }
    }
    return actions.find(id).map(found -> found.map(a -> new Positioned(a, null)));
  }

  /** A host's queue now: the running action, the waiting ones in order, the newest finished. */
  public record Listing(
      String hostId, Action running, List<Positioned> queued, List<Action> finished) {}

  /** Empty when the host is not registered. */
  public Uni<Optional<Listing>> list(String hostId) {
    return host(hostId)
        .chain(
            host -> {
              if (host.isEmpty()) {
                return Uni.createFrom().item(Optional.<Listing>empty());
              }
              Action running;
              List<Positioned> queued = new ArrayList<>();
              Locked q = queue(hostId);
              synchronized (q) {
                running = q.queue.running().orElse(null);
                List<Action> waiting = q.queue.waiting();
                for (int i = 0; i < waiting.size(); i++) {
                  queued.add(new Positioned(waiting.get(i), i + 1));
                }
              }
              return actions
                  .finished(hostId, FINISHED_SHOWN)
                  .map(done -> Optional.of(new Listing(hostId, running, queued, done)));
            });
  }

  /** Whether the host is registered, for the access view. */
  public Uni<Optional<HostSpec>> host(String hostId) {
    return hosts.findAll().map(all -> all.stream().filter(h -> h.id().equals(hostId)).findFirst());
  }

  // ------------------------------------------------------------------ the per-host executor

  private void kick(String hostId) {
    Locked q = queue(hostId);
    Optional<Action> next;
    synchronized (q) {
      next = q.queue.startNext();
    }
    if (next.isEmpty()) {
      return;
    }
    Action action = next.get();
    run(action)
        .onFailure()
        .recoverWithUni(
            f -> {
              LOG.errorf(f, "action %s on %s broke", action.id(), hostId);
              return end(action, ActionState.FAILED, "action-queue failed: " + f.getMessage());
            })
        .subscribe()
        .with(
            done -> {
              synchronized (q) {
                q.queue.finishRunning();
              }
              kick(hostId);
            },
            f -> {
              synchronized (q) {
                q.queue.finishRunning();
              }
              kick(hostId);
            });
  }

  /** Dequeue checks, the seam, then the action itself; always ends in a final state. */
  private Uni<Action> run(Action queued) {
    Optional<String> early =
        DequeueCheck.beforeRun(
            queued, Instant.now(), config.staleAfter(), fleet.liveness(queued.hostId()));
    if (early.isPresent()) {
      return end(queued, ActionState.SKIPPED, early.get());
    }
    return host(queued.hostId())
        .chain(
            host -> {
              if (host.isEmpty() || !host.get().enabled()) {
                return end(
                    queued,
                    ActionState.SKIPPED,
                    "host " + queued.hostId() + " is no longer an enabled host of the registry");
              }
              LlamaSwapClient client = clients.client(host.get());
              return client
                  .running()
                  .onItemOrFailure()
                  .transformToUni(
                      (running, failure) -> {
                        if (failure != null) {
                          return end(
                              queued,
                              ActionState.FAILED,
                              Failures.describe(
                                  "reading what runs on the host",
                                  failure,
                                  config.requestTimeout()));
                        }
                        Optional<String> done = DequeueCheck.alreadyDone(queued, running);
                        if (done.isPresent()) {
                          return end(queued, ActionState.SKIPPED, done.get());
                        }
                        return access
                            .acquireHostAccess(
                                queued.hostId(), queued.describe(), queued.takeoverConfirmed())
                            .chain(
                                decision ->
                                    decision.proceed()
                                        ? execute(queued, client, decision)
                                        : end(
                                            queued,
                                            ActionState.SKIPPED,
                                            "takeover needed: " + decision.summary()));
                      });
            });
  }

  private Uni<Action> execute(Action queued, LlamaSwapClient client, Courtesy.Decision decision) {
    Action started = queued.started(Instant.now());
    String what = doing(started);
    Duration limit = config.actionTimeout();
    return record(started, null)
        .chain(
            () ->
                act(started, client)
                    .ifNoItem()
                    .after(limit)
                    .failWith(() -> new TimeoutException("no answer within " + limit)))
        .onItemOrFailure()
        .transformToUni(
            (outcome, failure) -> {
              if (failure != null) {
                return end(started, ActionState.FAILED, Failures.describe(what, failure, limit));
              }
              String note =
                  decision.running().isEmpty() && decision.heldBy().isEmpty()
                      ? outcome
                      : outcome + " (" + decision.summary() + ")";
              return end(started, ActionState.SUCCEEDED, note);
            });
  }

  /** The host call of each kind; its item is the outcome in words. */
  private Uni<String> act(Action a, LlamaSwapClient client) {
    return switch (a.kind()) {
      case WARM -> warm(client, a.model()).map(ignored -> "model " + a.model() + " is loaded");
      case UNLOAD -> client.unloadModel(a.model()).map(v -> "model " + a.model() + " stopped");
      case UNLOAD_ALL -> client.apiUnloadAll().map(v -> "every model stopped");
    };
  }

  /**
   * A 1-token chat completion: llama-swap has no load endpoint, and a completion waits for the
   * model to become ready (§6.5). Sent as BooControl's own so the host's activity is attributed.
   */
  private static Uni<Void> warm(LlamaSwapClient client, String model) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", "hi");
    body.put("max_tokens", 1);
    body.put("stream", false);
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes((JsonNode) body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return client
        .chatCompletionsRaw(bytes, Map.of("X-Boo-Source", Courtesy.OWN_SOURCE))
        .chain(
            raw -> raw.body().collect().in(Buffer::buffer, Buffer::appendBuffer).replaceWithVoid());
  }

  private static String doing(Action a) {
    return switch (a.kind()) {
      case WARM -> "warming " + a.model();
      case UNLOAD -> "unloading " + a.model();
      case UNLOAD_ALL -> "unloading every model";
    };
  }

  private Uni<Action> end(Action action, ActionState state, String reason) {
    Action done = action.finished(state, reason, Instant.now());
    if (state == ActionState.FAILED) {
      LOG.warnf(
          "action %s (%s on %s) failed: %s", done.id(), done.describe(), done.hostId(), reason);
    } else {
      LOG.infof(
          "action %s (%s on %s) %s: %s",
          done.id(), done.describe(), done.hostId(), state.wireName(), reason);
    }
    return record(done, null).invoke(() -> open.remove(done.id())).replaceWith(done);
  }

  /** Writes the new state, then announces it; a failed write or send is logged, not thrown. */
  private Uni<Void> record(Action a, Integer position) {
    Locked q = queue(a.hostId());
    synchronized (q) {
      q.queue.update(a.id(), a);
    }
    return actions
        .update(a)
        .onFailure()
        .recoverWithItem(
            f -> {
              LOG.errorf("could not record action %s as %s: %s", a.id(), a.state(), f.getMessage());
              return false;
            })
        .chain(() -> publish(a, position));
  }

  private Uni<Void> publish(Action a, Integer position) {
    return jobs.publish(JobEvents.JOB_UPDATED, a.id(), Instant.now(), a.toEvent(position))
        .onFailure()
        .recoverWithItem(
            f -> {
              LOG.errorf("could not publish job %s (%s): %s", a.id(), a.state(), f.getMessage());
              return null;
            });
  }

  private Locked queue(String hostId) {
    return locked.computeIfAbsent(hostId, h -> new Locked());
  }

  private final Map<String, Locked> locked = new ConcurrentHashMap<>();

  /** A host's queue and the lock that guards it. */
  private static final class Locked {
    final HostQueue<Action> queue = new HostQueue<>();

    synchronized int waitingCountLocked() {
      return queue.waitingCount();
    }
  }
}
