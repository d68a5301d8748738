package dev.boocontrol.actionqueue.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of action-queue, under {@code boocontrol.action-queue.*}; each can be set from the
 * environment, e.g. {@code BOOCONTROL_ACTION_QUEUE_MAX_QUEUE_DEPTH}.
 */
@ConfigMapping(prefix = "boocontrol.action-queue")
public interface ActionQueueConfig {

  /** Actions that may wait per host; one more is answered with HTTP 429. */
  @WithDefault("4")
  int maxQueueDepth();

  /** An action queued longer than this is skipped at dequeue with a recorded reason. */
  @WithDefault("2m")
  Duration staleAfter();

  /**
   * A host that served foreign requests within this window needs an explicit takeover confirmation.
   */
  @WithDefault("60s")
  Duration courtesyWindow();

  /**
   * How long a warm (a 1-token chat completion that waits for the model to load) and an unload may
   * take; at least llama-swap's healthCheckTimeout (120 s) plus queueing on the host.
   */
  @WithDefault("5m")
  Duration actionTimeout();

  /** Limit of quick calls to a host ({@code GET /running} at dequeue). */
  @WithDefault("10s")
  Duration requestTimeout();
}
