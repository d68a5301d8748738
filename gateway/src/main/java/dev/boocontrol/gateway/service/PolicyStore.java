package dev.boocontrol.gateway.service;

import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.policy.BuiltinPolicies;
import dev.boocontrol.contracts.policy.PolicySpec;
import dev.boocontrol.contracts.policy.PolicyValidator;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The virtual models, read from {@code route_policies} every {@link #RELOAD} so an edit made in the
 * cockpit takes effect within seconds. A stored spec that does not parse or validate is skipped
 * with a warning (the others keep working); until the first read, the built-ins.
 */
@ApplicationScoped
public class PolicyStore {

  private static final Logger LOG = Logger.getLogger(PolicyStore.class);
  static final Duration RELOAD = Duration.ofSeconds(3);

  private final Pool pool;
  private final Vertx vertx;
  private final AtomicReference<Map<String, PolicySpec>> policies =
      new AtomicReference<>(new TreeMap<>(BuiltinPolicies.ALL));

  PolicyStore(Pool pool, Vertx vertx) {
    this.pool = pool;
    this.vertx = vertx;
  }

  /** Virtual model name → policy, sorted by name. */
  public Map<String, PolicySpec> all() {
    return policies.get();
  }

  void onStart(@Observes StartupEvent event) {
    reload();
    vertx.setPeriodic(RELOAD.toMillis(), t -> reload());
  }

  private void reload() {
    pool.query("SELECT name, spec::text AS spec FROM route_policies")
        .execute()
        .subscribe()
        .with(
            rows -> {
              Map<String, PolicySpec> read = new TreeMap<>();
              for (Row r : rows) {
                String name = r.getString("name");
                try {
                  PolicySpec spec = PolicySpec.parse(Json.MAPPER.readTree(r.getString("spec")));
                  if (PolicyValidator.validate(name, spec).isEmpty()) {
                    read.put(name, spec);
                  } else {
                    LOG.warnf("policy %s skipped: %s", name, PolicyValidator.validate(name, spec));
                  }
                } catch (java.io.IOException bad) {
                  LOG.warnf("policy %s skipped: %s", name, bad.getMessage());
                }
              }
              policies.set(read);
            },
            failure -> LOG.warnf("could not read the policies: %s", failure.getMessage()));
  }
}
