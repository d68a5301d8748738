package dev.boocontrol.llamaswap.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx answer of a llama-swap host, typed by {@link ErrorMapper}. {@link #getMessage()} is the
 * server's message as sent, without the {@code llama-swap:} prefixes of the text forms.
 */
public abstract sealed class LlamaSwapException extends RuntimeException {

  private final int status;
  private final String code;
  private final String type;
  private final boolean fromLlamaSwap;

  protected LlamaSwapException(ErrorDetails details) {
    super(details.message(), null, false, false);
    this.status = details.status();
    this.code = details.code();
    this.type = details.type();
    this.fromLlamaSwap = details.fromLlamaSwap();
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** The error's message (never null; may be empty for an empty body). */
  public String message() {
    return getMessage();
  }

  /** HEAD's {@code error.code} (for example {@code concurrency_limit}); empty on older shapes. */
  public String code() {
    return code;
  }

  /** HEAD's {@code error.type} (for example {@code rate_limit_error}); empty on older shapes. */
  public String type() {
    return type;
  }

  /** True when llama-swap made the error itself; false when an upstream server did. */
  public boolean fromLlamaSwap() {
    return fromLlamaSwap;
  }

  /** True when the same request may succeed later (429, 502, 503). */
  public boolean isRetryable() {
    return status == 429 || status == 502 || status == 503;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[status="
        + status
        + (code.isEmpty() ? "" : ", code=" + code)
        + (fromLlamaSwap ? "" : ", upstream")
        + "]: "
        + getMessage();
  }

  /** 401 (or 403): missing or wrong API key. */
  public static final class Unauthorized extends LlamaSwapException {
    public Unauthorized(ErrorDetails details) {
      super(details);
    }
  }

  /** 404 from llama-swap; {@link #kind()} tells which one. */
  public static final class NotFound extends LlamaSwapException {
    private final NotFoundKind kind;

    public NotFound(ErrorDetails details, NotFoundKind kind) {
      super(details);
      this.kind = kind;
    }

    public NotFoundKind kind() {
      return kind;
    }
  }

  /** 400: a bad query or body. */
  public static final class BadRequest extends LlamaSwapException {
    public BadRequest(ErrorDetails details) {
      super(details);
    }
  }

  /** 409: for example an {@code /upstream} static path while the model is not loaded. */
  public static final class Conflict extends LlamaSwapException {
    public Conflict(ErrorDetails details) {
      super(details);
    }
  }

  /** 429: the model's concurrency limit; retry after {@link #retryAfter()}. */
  public static final class RateLimited extends LlamaSwapException {
    private final Duration retryAfter;

    public RateLimited(ErrorDetails details, Duration retryAfter) {
      super(details);
      this.retryAfter = retryAfter;
    }

    /** From the {@code Retry-After} header (llama-swap sends 1 second), when present. */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }

  /** 503 {@code [model] process is not ready}: a race while the model loads or stops. */
  public static final class ProcessNotReady extends LlamaSwapException {
    private final String model;

    public ProcessNotReady(ErrorDetails details, String model) {
      super(details);
      this.model = model;
    }

    /** The model named in brackets in the message. */
    public Optional<String> model() {
      return Optional.ofNullable(model);
    }
  }

  /** Any other 503: a feature is off or unavailable (performance monitor, hardware detection). */
  public static final class Unavailable extends LlamaSwapException {
    public Unavailable(ErrorDetails details) {
      super(details);
    }
  }

  /** An error body made by the upstream model server (no {@code "src":"llama-swap"}). */
  public static final class UpstreamError extends LlamaSwapException {
    public UpstreamError(ErrorDetails details) {
      super(details);
    }
  }

  /** 502: the upstream connection broke (often an empty body) or a peer is unreachable. */
  public static final class BadGateway extends LlamaSwapException {
    public BadGateway(ErrorDetails details) {
      super(details);
    }
  }

  /** 500 and other 5xx: {@code unspecific error: <cause>} when a load failed, shutdown, … */
  public static final class ServerError extends LlamaSwapException {
    private static final String UNSPECIFIC = "unspecific error: ";

    public ServerError(ErrorDetails details) {
      super(details);
    }

    /** The cause after the {@code unspecific error: } prefix, when present. */
    public Optional<String> unspecificCause() {
      String message = getMessage();
      return message.startsWith(UNSPECIFIC)
          ? Optional.of(message.substring(UNSPECIFIC.length()))
          : Optional.empty();
    }
  }

  /** Anything else: 405, 3xx, unexpected 4xx. */
  public static final class Other extends LlamaSwapException {
    public Other(ErrorDetails details) {
      super(details);
    }
  }
}
