package dev.boocontrol.cockpit.live;

import dev.boocontrol.cockpit.config.CockpitConfig;
import dev.boocontrol.cockpit.core.FleetView;
import dev.boocontrol.cockpit.core.HostLogs;
import dev.boocontrol.cockpit.core.HostSeed;
import dev.boocontrol.cockpit.core.LogRequest;
import dev.boocontrol.cockpit.core.LogTail;
import dev.boocontrol.cockpit.core.Outbox;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.cockpit.DeltaFrame;
import dev.boocontrol.contracts.cockpit.HostView;
import dev.boocontrol.contracts.cockpit.ResyncFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The live fleet of this replica: the {@link FleetView} fed from the fleet topics, and every
 * WebSocket client's {@link Outbox}. Applying an event and queueing its delta happen under one
 * lock, as do taking a snapshot and registering a client, so a client sees every delta after its
 * snapshot exactly once and in seq order. Frames are serialized once, not once per client.
 */
@ApplicationScoped
public class LiveFleet {

  private static final Logger LOG = Logger.getLogger(LiveFleet.class);

  /** Most frames sent in one WebSocket message to a client that is behind. */
  static final int BATCH = 64;

  private final FleetView view;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final int queueSize;
  private final Counter resyncs;

  LiveFleet(CockpitConfig config, MeterRegistry registry) {
    this.view = new FleetView(config.logTailLines());
    this.queueSize = config.websocketQueueSize();
    this.resyncs =
        Counter.builder("boocontrol_cockpit_ws_resyncs_total")
            .description("WebSocket clients told to resync because they fell too far behind")
            .register(registry);
    registry.gaugeMapSize("boocontrol_cockpit_ws_clients", List.of(), clients);
  }

  /** Hosts read from PostgreSQL at start; seeding sends nothing. */
  public synchronized void seed(List<HostSeed> seeds) {
    seeds.forEach(view::seed);
  }

  /** One fleet event from Kafka: applied, and its delta queued for every client. */
  public void apply(EventEnvelope envelope) {
    synchronized (this) {
      Optional<DeltaFrame> delta = view.apply(envelope);
      if (delta.isEmpty()) {
        return;
      }
      String json = Json.write(delta.get());
      clients.values().forEach(c -> c.offer(json));
    }
    clients.values().forEach(Client::drain);
  }

  public synchronized List<HostView> hosts() {
    return view.snapshot(Instant.now()).hosts();
  }

  public synchronized Optional<HostView> host(String id) {
    return view.host(id);
  }

  /** A known host's log tail, read under the lock that orders deltas, so its seq is exact. */
  public synchronized Optional<HostLogs> logs(String hostId, LogRequest request) {
    return view.host(hostId)
        .map(
            host -> {
              List<LogTail.Line> lines = new ArrayList<>();
              Map<String, String> pending = new TreeMap<>();
              for (String source : request.sources()) {
                lines.addAll(view.logTail(hostId, source, request.limit()));
                pending.put(source, view.logPending(hostId, source));
              }
              lines.sort(Comparator.comparingLong(LogTail.Line::n));
              return new HostLogs(hostId, host.seq(), List.copyOf(lines), pending);
            });
  }

  /** A client joined: its snapshot is the first frame, then every delta after it. */
  public void join(WebSocketConnection connection) {
    Client client = new Client(connection, new Outbox(queueSize));
    synchronized (this) {
      client.offer(Json.write(view.snapshot(Instant.now())));
      clients.put(connection.id(), client);
    }
    client.drain();
  }

  /** The client asked for a fresh snapshot (it saw a seq gap). */
  public void resend(WebSocketConnection connection) {
    Client client = clients.get(connection.id());
    if (client == null) {
      return;
    }
    synchronized (this) {
      client.resnapshot(Json.write(view.snapshot(Instant.now())));
    }
    client.drain();
  }

  public void leave(WebSocketConnection connection) {
    clients.remove(connection.id());
  }

  int clientCount() {
    return clients.size();
  }

  /** One WebSocket client: its queue, drained one send at a time. */
  private final class Client {
    private final WebSocketConnection connection;
    private final Outbox outbox;
    private boolean sending;

    Client(WebSocketConnection connection, Outbox outbox) {
      this.connection = connection;
      this.outbox = outbox;
    }

    /** Called under the LiveFleet lock. */
    synchronized void offer(String json) {
      if (outbox.offer(json) == Outbox.Offer.OVERFLOWED) {
        resyncs.increment();
        LOG.infof("WebSocket client %s fell behind: told to resync", connection.id());
        // The queue is gone; the client gets the reason, then a fresh snapshot.
        outbox.resynced();
        outbox.offer(Json.write(ResyncFrame.of("client fell " + queueSize + " frames behind")));
        outbox.offer(Json.write(view.snapshot(Instant.now())));
      }
    }

    /** Called under the LiveFleet lock. */
    synchronized void resnapshot(String snapshotJson) {
      outbox.resynced();
      outbox.offer(snapshotJson);
    }

    /**
     * Sends what is queued: one frame as it is, or, when the client is behind, up to {@link #BATCH}
     * frames as one JSON array in order (one WebSocket message instead of many).
     */
    void drain() {
      String next;
      synchronized (this) {
        if (sending || outbox.isEmpty()) {
          return;
        }
        sending = true;
        String first = (String) outbox.poll();
        if (outbox.isEmpty()) {
          next = first;
        } else {
          StringBuilder batch = new StringBuilder("[").append(first);
          for (int i = 1; i < BATCH && !outbox.isEmpty(); i++) {
            batch.append(',').append((String) outbox.poll());
          }
          next = batch.append(']').toString();
        }
      }
      connection
          .sendText(next)
          .subscribe()
          .with(
              ok -> sent(),
              failure -> {
                LOG.debugf("WebSocket client %s: send failed: %s", connection.id(), failure);
                clients.remove(connection.id());
              });
    }

    private void sent() {
      synchronized (this) {
        sending = false;
      }
      drain();
    }
  }
}
