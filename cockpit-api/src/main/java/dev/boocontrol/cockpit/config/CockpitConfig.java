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

  /** The operator's login name (env {@code BOO_OPERATOR_USER}). */
  @WithDefault("${BOO_OPERATOR_USER:admin}")
  String operatorUser();

  /**
   * The operator's password (env {@code BOO_OPERATOR_PASSWORD}); without one nobody can log in.
   * {@code ./boocontrol up} generates one into {@code ~/.boocontrol/operator-password}.
   */
  @WithDefault("${BOO_OPERATOR_PASSWORD:}")
  java.util.Optional<String> operatorPassword();

  /** How long a login lasts. */
  @WithDefault("12h")
  java.time.Duration sessionTtl();

  /** Mark the session cookie Secure (set when the cockpit is served over HTTPS). */
  @WithDefault("false")
  boolean secureCookie();

  /** Failed logins per client address within {@link #loginWindow()} before it must wait. */
  @WithDefault("5")
  int loginMaxFailures();

  @WithDefault("5m")
  java.time.Duration loginWindow();

  /**
   * Where action-queue listens (env {@code BOO_ACTION_QUEUE_URL}); control actions are handed to
   * it. The REST client {@code action-queue} reads the same setting.
   */
  @WithDefault("${BOO_ACTION_QUEUE_URL:http://127.0.0.1:9513}")
  String actionQueueUrl();
}
