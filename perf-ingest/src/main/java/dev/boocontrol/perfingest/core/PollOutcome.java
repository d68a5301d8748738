package dev.boocontrol.perfingest.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.PayloadException;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What one {@code /api/performance} poll of a host amounted to, and when to poll it next. A host
 * with monitoring switched off is {@link Disabled}, re-checked slowly and shown as such, not as a
 * failure that backs off and alerts.
 */
public sealed interface PollOutcome {

  /** How often a host with performance monitoring switched off is re-checked. */
  Duration DISABLED_RECHECK = Duration.ofSeconds(60);

  /** The longest wait after failures. */
  Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** The outcome as a constant, for switches, metric tags and logs. */
  enum Kind {
    OK,
    DISABLED,
    UNREACHABLE,
    BAD_RESPONSE
  }

  Kind kind();

  /** Short text for the cockpit, e.g. {@code performance disabled}. */
  String label();

  /**
   * The delay before the next poll of this host; never shorter than {@code normal}.
   *
   * @param normal the configured poll interval
   * @param consecutiveFailures failed polls in a row, this one included (0 or more); only failures
   *     use it
   */
  Duration nextPollIn(Duration normal, int consecutiveFailures);

  /** True for the outcomes that count towards {@code consecutiveFailures}. */
  default boolean isFailure() {
    return kind() == Kind.UNREACHABLE || kind() == Kind.BAD_RESPONSE;
  }

  /**
   * Classifies a poll.
   *
   * @param httpStatus the answer's status, or 0 when no HTTP answer came (connect error, timeout)
   * @param enabledFalse the body was {@code {"enabled":false}}
   * @param error what the call failed with, if it did (a 2xx with an unreadable body is bad)
   */
  static PollOutcome of(int httpStatus, boolean enabledFalse, Optional<Throwable> error) {
    Objects.requireNonNull(error, "error");
    boolean success = httpStatus >= 200 && httpStatus < 300;
    // v229+ answers 503 {"enabled":false}; accept the flag on a 2xx too.
    if (enabledFalse && (httpStatus == 503 || success)) {
      return new Disabled();
    }
    if (success && error.isEmpty()) {
      return new Ok();
    }
    String reason = error.map(PollOutcome::describe).orElse("HTTP " + httpStatus);
    if (httpStatus <= 0) {
      return new Unreachable(error.isPresent() ? reason : "no HTTP answer");
    }
    return new BadResponse(httpStatus, reason);
  }

  /**
   * Classifies a failed {@code LlamaSwapClient.performance} call: a {@link LlamaSwapException}
   * carries the status (503 {@code {"enabled":false}} is {@link Disabled}), a {@link
   * PayloadException} means a 2xx whose body could not be read, anything else means no answer.
   */
  static PollOutcome ofFailure(Throwable error) {
    Throwable cause = unwrap(Objects.requireNonNull(error, "error"));
    if (cause instanceof LlamaSwapException e) {
      boolean enabledFalse = e.status() == 503 && isEnabledFalse(e.getMessage());
      return of(e.status(), enabledFalse, Optional.of(cause));
    }
    if (cause instanceof PayloadException) {
      return of(200, false, Optional.of(cause));
    }
    return of(0, false, Optional.of(cause));
  }

  /** Data arrived: poll again at the normal interval. */
  record Ok() implements PollOutcome {
    @Override
    public Kind kind() {
      return Kind.OK;
    }

    @Override
    public String label() {
      return "ok";
    }

    @Override
    public Duration nextPollIn(Duration normal, int consecutiveFailures) {
      return requirePositive(normal);
    }
  }

  /** Monitoring is switched off on the host: re-check slowly, in case it is switched on. */
  record Disabled() implements PollOutcome {
    @Override
    public Kind kind() {
      return Kind.DISABLED;
    }

    @Override
    public String label() {
      return "performance disabled";
    }

    @Override
    public Duration nextPollIn(Duration normal, int consecutiveFailures) {
      return longer(DISABLED_RECHECK, requirePositive(normal));
    }
  }

  /** No HTTP answer: connection refused, DNS, timeout, reset. */
  record Unreachable(String reason) implements PollOutcome {
    @Override
    public Kind kind() {
      return Kind.UNREACHABLE;
    }

    @Override
    public String label() {
      return "unreachable";
    }

    @Override
    public Duration nextPollIn(Duration normal, int consecutiveFailures) {
      return backoff(normal, consecutiveFailures);
    }
  }

  /** The host answered, but not with samples: a non-2xx status, or a body that did not parse. */
  record BadResponse(int httpStatus, String reason) implements PollOutcome {
    @Override
    public Kind kind() {
      return Kind.BAD_RESPONSE;
    }

    @Override
    public String label() {
      return "bad response (HTTP " + httpStatus + ")";
    }

    @Override
    public Duration nextPollIn(Duration normal, int consecutiveFailures) {
      return backoff(normal, consecutiveFailures);
    }
  }

  /** {@code min(normal * 2^failures, 60 s)}, but never below {@code normal}. */
  private static Duration backoff(Duration normal, int consecutiveFailures) {
    Duration cap = longer(MAX_BACKOFF, requirePositive(normal));
    Duration delay = normal;
    // Doubling stops at the cap, so a huge failure count cannot overflow.
    for (int i = 0; i < consecutiveFailures && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(cap) < 0 ? delay : cap;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration requirePositive(Duration normal) {
    Objects.requireNonNull(normal, "normal");
    if (normal.isZero() || normal.isNegative()) {
      throw new IllegalArgumentException("poll interval must be positive, was " + normal);
    }
    return normal;
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank()
        ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + message;
  }

  /** Async pipelines wrap the real failure in these; look through a few layers. */
  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    for (int depth = 0;
        depth < 10
            && (current instanceof CompletionException || current instanceof ExecutionException)
            && current.getCause() != null;
        depth++) {
      current = current.getCause();
    }
    return current;
  }

  private static boolean isEnabledFalse(String body) {
    try {
      JsonNode node = LlamaSwapJson.mapper().readTree(body);
      return node != null && node.path("enabled").isBoolean() && !node.get("enabled").asBoolean();
    } catch (JsonProcessingException notJson) {
      return false;
    }
  }
}
