package dev.boocontrol.platform.registry;

import dev.boocontrol.platform.config.RegistryConfig;
import dev.boocontrol.platform.core.HostRegistry;
import dev.boocontrol.platform.core.HostRegistryParser;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Upserts {@code hosts.yaml} into the database when a service starts. Runs on the startup thread
 * (never an event loop) and fails the start when the file is invalid: a service must not run
 * against a registry the operator did not mean.
 */
@ApplicationScoped
public class HostRegistrySync {

  private static final Logger LOG = Logger.getLogger(HostRegistrySync.class);

  private final RegistryConfig config;
  private final HostRepository hosts;

  HostRegistrySync(RegistryConfig config, HostRepository hosts) {
    this.config = config;
    this.hosts = hosts;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.syncAtStart()) {
      return;
    }
    Path file = config.hostsFile().toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      LOG.infof("no host registry file at %s; keeping the hosts already in the database", file);
      return;
    }
    HostRegistry registry = read(file);
    int disabled =
        hosts.upsertAll(registry, config.disableUnlisted()).await().atMost(Duration.ofSeconds(30));
    LOG.infof(
        "host registry %s: %d hosts (%d connectable), %d no longer listed and disabled",
        file, registry.hosts().size(), registry.connectable().size(), disabled);
  }

  static HostRegistry read(Path file) {
    try {
      return new HostRegistryParser(System::getenv).parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read host registry " + file + ": " + e.getMessage(), e);
    }
  }
}
