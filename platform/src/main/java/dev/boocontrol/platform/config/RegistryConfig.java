package dev.boocontrol.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the host registry comes from. Shared by every service. */
@ConfigMapping(prefix = "boocontrol.registry")
public interface RegistryConfig {

  /**
   * The {@code hosts.yaml} to upsert into the database at start (env {@code BOO_HOSTS_FILE}). A
   * missing file leaves the database registry as it is.
   */
  @WithDefault("hosts.yaml")
  Path hostsFile();

  /** Upsert the file into the {@code hosts} table when the service starts. */
  @WithDefault("true")
  boolean syncAtStart();

  /**
   * Disable hosts that the file no longer lists (they are kept, with their history). Tests that
   * share one database turn this off.
   */
  @WithDefault("true")
  boolean disableUnlisted();
}
