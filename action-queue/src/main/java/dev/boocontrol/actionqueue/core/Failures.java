package dev.boocontrol.actionqueue.core;

import dev.boocontrol.llamaswap.core.PayloadException;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Why an action failed, in plain words for the operator; never with secrets or stack traces. */
public final class Failures {

  private static final int MAX_MESSAGE = 300;

  private Failures() {}

  /**
   * @param what what was being done ("warming qwen3-30b")
   * @param timeout the limit that applied, named when it was exceeded
   */
  public static String describe(String what, Throwable failure, Duration timeout) {
    Throwable t = unwrap(failure);
    if (t instanceof LlamaSwapException e) {
      String body = e.message() == null || e.message().isBlank() ? "no message" : e.message();
      return what + " failed: the host answered " + e.status() + ": " + clip(body);
    }
    if (t instanceof TimeoutException) {
      return what + " failed: no answer from the host within " + timeout.toSeconds() + " s";
    }
    if (t instanceof ConnectException || t instanceof UnknownHostException) {
      return what
          + " failed: could not reach the host ("
          + clip(String.valueOf(t.getMessage()))
          + ")";
    }
    if (t instanceof PayloadException) {
      return what + " failed: the host's answer was not understood (" + clip(t.getMessage()) + ")";
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return what + " failed: " + clip(message);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof java.util.concurrent.CompletionException
            || cur instanceof java.util.concurrent.ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private static String clip(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > MAX_MESSAGE ? one.substring(0, MAX_MESSAGE) + "…" : one;
  }
}
