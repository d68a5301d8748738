package dev.boocontrol.platform.registry;

import dev.boocontrol.platform.config.RegistryConfig;
import dev.boocontrol.platform.core.HostRegistry;
import dev.boocontrol.platform.core.HostRegistryFiles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    List<Path> present = new ArrayList<>();
    for (Path file : config.hostsFile()) {
      Path absolute = file.toAbsolutePath();
      if (Files.isRegularFile(absolute)) {
        present.add(absolute);
      } else {
        LOG.infof("no host registry file at %s; skipping it", absolute);
      }
    }
    if (present.isEmpty()) {
      LOG.info("no host registry file; keeping the hosts already in the database");
      return;
    }
    HostRegistry registry = HostRegistryFiles.read(present, System::getenv);
    int disabled =
        hosts.upsertAll(registry, config.disableUnlisted()).await().atMost(Duration.ofSeconds(30));
    LOG.infof(
        "host registry %s: %d hosts (%d connectable), %d no longer listed and disabled",
        present, registry.hosts().size(), registry.connectable().size(), disabled);
  }
}
