package dev.boocontrol.actionqueue.service;

import dev.boocontrol.actionqueue.config.ActionQueueConfig;
import dev.boocontrol.llamaswap.client.ClientOptions;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.platform.core.HostSpec;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One llama-swap client per host, made again when the host's address or key changes. */
@ApplicationScoped
class HostClients {

  private record Held(HostTarget target, LlamaSwapClient client) {}

  private final Vertx vertx;
  private final ClientOptions options;
  private final Map<String, Held> clients = new ConcurrentHashMap<>();

  HostClients(Vertx vertx, ActionQueueConfig config) {
    this.vertx = vertx;
    this.options =
        ClientOptions.defaults()
            .withRequestTimeout(config.requestTimeout())
            .withSlowRequestTimeout(config.actionTimeout())
            .withMaxPoolSize(4);
  }

  LlamaSwapClient client(HostSpec host) {
    HostTarget target = new HostTarget(host.id(), host.baseUrl(), host.apiKey());
    Held held =
        clients.compute(
            host.id(),
            (id, old) -> {
              if (old != null && old.target().equals(target)) {
                return old;
              }
              if (old != null) {
                old.client().close().subscribe().with(ok -> {}, f -> {});
              }
              return new Held(target, new LlamaSwapClient(vertx, target, options));
            });
    return held.client();
  }

  void onStop(@Observes ShutdownEvent event) {
    clients.values().forEach(h -> h.client().close().subscribe().with(ok -> {}, f -> {}));
    clients.clear();
  }
}
