package dev.boocontrol.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The capture vault, under {@code boocontrol.capture-vault.*} (env e.g. {@code
 * BOOCONTROL_CAPTURE_VAULT_ENABLED}). Shared: fleet-connector publishes captures to {@code
 * fleet.captures} (enabled, max-capture-bytes); perf-ingest stores and trims them (retention,
 * max-bytes-per-host).
 */
@ConfigMapping(prefix = "boocontrol.capture-vault")
public interface CaptureVaultConfig {

  /** Keep copies of captures beyond the host's in-memory cache. */
  @WithDefault("true")
  boolean enabled();

  /**
   * Captures whose bodies together exceed this many bytes are not vaulted (and counted in {@code
   * boocontrol_capture_vault_skipped_total}). Keep it well under the broker's 1 MB record limit:
   * bodies travel base64-encoded.
   */
  @WithDefault("524288")
  long maxCaptureBytes();

  /** Vaulted captures older than this (by the request's finish time) are deleted. */
  @WithDefault("7d")
  Duration retention();

  /** Above this many body bytes per host, the oldest captures of that host are deleted. */
  @WithDefault("268435456")
  long maxBytesPerHost();
}
