package dev.boocontrol.bencheval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of bench-eval, under {@code boocontrol.bench-eval.*}; each can be set from the
 * environment, e.g. {@code BOOCONTROL_BENCH_EVAL_MAX_CONCURRENT_RUNS}.
 */
@ConfigMapping(prefix = "boocontrol.bench-eval")
public interface BenchEvalConfig {

  /** Bench or eval runs executed at the same time across the fleet. */
  @WithDefault("1")
  int maxConcurrentRuns();

  /** Longest a single benchmark or eval request may take, model load included. */
  @WithDefault("5m")
  Duration requestTimeout();
}
