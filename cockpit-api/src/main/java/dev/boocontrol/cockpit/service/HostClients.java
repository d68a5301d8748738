package dev.boocontrol.cockpit.service;

import dev.boocontrol.llamaswap.client.ClientOptions;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One llama-swap client per host for the cockpit's own reads (captures, a model's log stream), made
 * on first use and replaced when the host's address or key changes.
 */
@ApplicationScoped
public class HostClients {

  /** Idle limit of a call, and how long a stream may take to answer with its headers. */
  static final Duration HOST_TIMEOUT = Duration.ofSeconds(5);

  private record Client(HostTarget target, LlamaSwapClient client) {}

  private final Vertx vertx;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  HostClients(Vertx vertx) {
    this.vertx = vertx;
  }

  public LlamaSwapClient client(HostTarget target) {
    return clients
        .compute(
            target.hostId(),
            (id, existing) -> {
              if (existing != null && existing.target().equals(target)) {
                return existing;
              }
              if (existing != null) {
                existing.client().close().subscribe().with(ok -> {}, f -> {});
              }
              return new Client(
                  target,
                  new LlamaSwapClient(
                      vertx, target, ClientOptions.defaults().withRequestTimeout(HOST_TIMEOUT)));
            })
        .client();
  }

  void onStop(@Observes ShutdownEvent event) {
    clients.values().forEach(c -> c.client().close().subscribe().with(ok -> {}, f -> {}));
    clients.clear();
  }
}
