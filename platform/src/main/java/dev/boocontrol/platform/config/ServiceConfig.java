package dev.boocontrol.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who this process is. Shared by every service. */
@ConfigMapping(prefix = "boocontrol.service")
public interface ServiceConfig {

  /**
   * This replica's id (env {@code BOO_INSTANCE_ID}); used as lease holder and in consumer group
   * names. Defaults to the host name, which is unique per pod on Kubernetes.
   */
  @WithDefault("${HOSTNAME:local}")
  String instanceId();
}
