package dev.boocontrol.cockpit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of cockpit-api, under {@code boocontrol.cockpit.*}; each can be set from the
 * environment, e.g. {@code BOOCONTROL_COCKPIT_WEBSOCKET_QUEUE_SIZE}.
 */
@ConfigMapping(prefix = "boocontrol.cockpit")
public interface CockpitConfig {

  /** Frames queued per WebSocket client; a client that falls further behind is told to resync. */
  @WithDefault("1024")
  int websocketQueueSize();

  /** Log lines kept in memory per host for clients that join late. */
  @WithDefault("2000")
  int logTailLines();
}
