package dev.boocontrol.gateway.service;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.gateway.core.FleetRoutes;
import dev.boocontrol.gateway.core.Liveness;
import dev.boocontrol.gateway.core.RoutingView;
import dev.boocontrol.llamaswap.client.ClientOptions;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.llamaswap.core.model.V1Model;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds {@link FleetRoutes}: the registry and the last model states from PostgreSQL (re-read every
 * {@code fleet-refresh}), each host's {@code /v1/models} on the same beat, and model transitions
 * and liveness from Kafka. Requests read an immutable {@link RoutingView}, rebuilt after each
 * change.
 */
@ApplicationScoped
public class FleetSource {

  private static final Logger LOG = Logger.getLogger(FleetSource.class);

  private static final String HOSTS =
      "SELECT id, base_url, api_key FROM hosts WHERE enabled AND kind = 'llama-swap'";
  private static final String MODELS =
      """
      SELECT DISTINCT ON (host_id, model_id) host_id, model_id, to_state
      FROM model_events ORDER BY host_id, model_id, observed_at DESC
      """;

  private final Pool pool;
  private final Vertx vertx;
  private final Duration refresh;
  private final FleetRoutes routes = new FleetRoutes();
  private final AtomicReference<RoutingView> view = new AtomicReference<>(RoutingView.empty());
  private final Map<String, LlamaSwapClient> clients = new ConcurrentHashMap<>();
  private final Map<String, HostTarget> targets = new ConcurrentHashMap<>();

  FleetSource(Pool pool, Vertx vertx, dev.boocontrol.gateway.config.GatewayConfig config) {
    this.pool = pool;
    this.vertx = vertx;
    this.refresh = config.fleetRefresh();
  }

  public RoutingView view() {
    return view.get();
  }

  void onStart(@Observes StartupEvent event) {
    refresh(true);
    vertx.setPeriodic(refresh.toMillis(), t -> refresh(false));
  }

  void onStop(@Observes ShutdownEvent event) {
    clients.values().forEach(c -> c.close().subscribe().with(ok -> {}, f -> {}));
  }

  /**
   * The registry (and, the first time, the model states PostgreSQL knows), then every model list.
   */
  private void refresh(boolean withStates) {
    pool.query(HOSTS)
        .execute()
        .chain(
            hosts -> {
              Map<String, String> urls = new HashMap<>();
              Map<String, Optional<String>> keys = new HashMap<>();
              for (Row r : hosts) {
                urls.put(r.getString("id"), r.getString("base_url"));
                keys.put(r.getString("id"), Optional.ofNullable(r.getString("api_key")));
              }
              update(() -> routes.registry(urls, keys));
              urls.forEach(
                  (id, url) -> targets.put(id, new HostTarget(id, URI.create(url), keys.get(id))));
              targets.keySet().retainAll(urls.keySet());
              return withStates
                  ? pool.query(MODELS).execute()
                  : io.smallrye.mutiny.Uni.createFrom().nullItem();
            })
        .subscribe()
        .with(
            states -> {
              if (states != null) {
                update(
                    () -> {
                      for (Row r : states) {
                        routes.transition(
                            r.getString("host_id"),
                            r.getString("model_id"),
                            r.getString("to_state"));
                      }
                    });
              }
              targets.values().forEach(this::pollModels);
            },
            failure -> LOG.warnf("could not read the host registry: %s", failure.getMessage()));
  }

  private void pollModels(HostTarget target) {
    LlamaSwapClient client =
        clients.compute(
            target.hostId(),
            (id, old) -> {
              if (old != null && old.target().equals(target)) {
                return old;
              }
              if (old != null) {
                old.close().subscribe().with(ok -> {}, f -> {});
              }
              return new LlamaSwapClient(
                  vertx,
                  target,
                  ClientOptions.defaults().withRequestTimeout(Duration.ofSeconds(5)));
            });
    client
        .v1Models()
        .subscribe()
        .with(
            listed -> {
              Set<String> ids = listed.data().stream().map(V1Model::id).collect(Collectors.toSet());
              update(() -> routes.listed(target.hostId(), ids));
            },
            failure ->
                LOG.debugf("host %s: model list failed: %s", target.hostId(), failure.toString()));
  }

  @Incoming("gateway-fleet")
  public void live(EventEnvelope envelope) {
    if (envelope == null) {
      return;
    }
    envelope
        .payload(FleetEvents.MODEL_TRANSITION)
        .ifPresent(
            (ModelTransition t) ->
                update(() -> routes.transition(envelope.key(), t.modelId(), t.toState())));
    envelope.payload(FleetEvents.HOST_LIVENESS).ifPresent(l -> liveness(envelope, l));
  }

  @Incoming("gateway-liveness-replay")
  public void replayed(EventEnvelope envelope) {
    if (envelope != null) {
      envelope.payload(FleetEvents.HOST_LIVENESS).ifPresent(l -> liveness(envelope, l));
    }
  }

  private void liveness(EventEnvelope envelope, HostLiveness l) {
    if (l.state() == null) {
      return;
    }
    Liveness state = Liveness.valueOf(l.state().name());
    update(() -> routes.liveness(envelope.key(), state, envelope.occurredAt()));
  }

  private synchronized void update(Runnable change) {
    change.run();
    view.set(routes.view());
  }
}
