package dev.boocontrol.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;

/** Where the host registry comes from. Shared by every service. */
@ConfigMapping(prefix = "boocontrol.registry")
public interface RegistryConfig {

  /**
   * The {@code hosts.yaml} files to upsert into the database at start (env {@code BOO_HOSTS_FILE},
   * comma-separated). Missing files are skipped; with none present the database registry is left as
   * it is.
   */
  @WithDefault("hosts.yaml")
  List<Path> hostsFile();

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
