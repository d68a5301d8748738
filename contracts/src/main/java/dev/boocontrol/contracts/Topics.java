package dev.boocontrol.contracts;

import java.util.List;

/**
 * Kafka topic names. Fleet topics are keyed by host id so one host's events stay in order on one
 * partition; {@link #CONTROL_JOBS} is keyed by job id.
 */
public final class Topics {

  /** Model state transitions and swaps. */
  public static final String FLEET_MODELS = "fleet.models";

  /** Completed requests (activity rows) and in-flight updates. */
  public static final String FLEET_ACTIVITY = "fleet.activity";

  /** GPU and system samples. */
  public static final String FLEET_PERF = "fleet.perf";

  /** Log lines from hosts. */
  public static final String FLEET_LOGS = "fleet.logs";

  /** Connector state per host. */
  public static final String FLEET_LIVENESS = "fleet.liveness";

  /**
   * Copies of llama-swap captures for the capture vault (large records: up to the vault's
   * per-capture cap).
   */
  public static final String FLEET_CAPTURES = "fleet.captures";

  /** Progress and results of actions, bench runs, eval runs and reports. */
  public static final String CONTROL_JOBS = "control.jobs";

  /** Records the telemetry sink could not write, with the reason (keyed like the original). */
  public static final String FLEET_DEAD_LETTER = "fleet.dead-letter";

  public static final List<String> ALL =
      List.of(
          FLEET_MODELS,
          FLEET_ACTIVITY,
          FLEET_PERF,
          FLEET_LOGS,
          FLEET_LIVENESS,
          FLEET_CAPTURES,
          CONTROL_JOBS);

  private Topics() {}
}
