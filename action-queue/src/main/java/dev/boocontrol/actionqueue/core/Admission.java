package dev.boocontrol.actionqueue.core;

import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.platform.core.HostKind;
import dev.boocontrol.platform.core.HostSpec;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether an action may join a host's queue: a well-formed request, a known enabled host that is
 * not down, and room in the queue. The courtesy check (others using the host) is separate: it is
 * the host-access seam's.
 */
public final class Admission {

  /** Operator names as the cockpit has them. */
  private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  static final int MAX_MODEL_LENGTH = 256;

  private Admission() {}

  /** The request, checked and normalised, or the first field at fault. */
  public static Checked validate(ActionRequest request) {
    if (request == null) {
      return Checked.rejected(Rejection.badField("kind", "a JSON body is required"));
    }
    if (request.kind() == null || request.kind().isBlank()) {
      return Checked.rejected(
          Rejection.badField("kind", "kind is required: warm, unload or unload_all"));
    }
    Optional<ActionKind> kind = ActionKind.fromWireName(request.kind().trim());
    if (kind.isEmpty()) {
      return Checked.rejected(
          Rejection.badField(
              "kind", "kind must be warm, unload or unload_all, not " + quoted(request.kind())));
    }
    String model = null;
    if (kind.get().needsModel()) {
      model = request.model() == null ? "" : request.model().trim();
      if (model.isEmpty()) {
        return Checked.rejected(
            Rejection.badField("model", kind.get().wireName() + " needs the model to act on"));
      }
      if (model.length() > MAX_MODEL_LENGTH || model.chars().anyMatch(Character::isISOControl)) {
        return Checked.rejected(
            Rejection.badField(
                "model",
                "model must be a model id of at most "
                    + MAX_MODEL_LENGTH
                    + " characters without control characters"));
      }
    }
    String by = request.requestedBy() == null ? "" : request.requestedBy().trim();
    if (!OPERATOR.matcher(by).matches()) {
      return Checked.rejected(
          Rejection.badField(
              "requestedBy",
              "requestedBy must name the operator (1-64 letters, digits or . _ @ -)"));
    }
    return Checked.ok(
        new ValidRequest(kind.get(), model, by, Boolean.TRUE.equals(request.confirmTakeover())));
  }

  /**
   * Whether a host takes one more action now.
   *
   * @param host the registered host, empty when unknown
   * @param liveness the newest connector state known; empty when none was seen (the host is then
   *     not treated as down: a missing connector is not proof of a dead host)
   * @param waiting actions waiting in the host's queue (the running one not counted)
   */
  public static Optional<Rejection> admit(
      String hostId,
      Optional<HostSpec> host,
      Optional<Liveness> liveness,
      int waiting,
      int maxQueueDepth) {
    if (host.isEmpty()) {
      return Optional.of(
          new Rejection(Rejection.Kind.UNKNOWN_HOST, "unknown host " + quoted(hostId), null));
    }
    if (host.get().kind() != HostKind.LLAMA_SWAP) {
      return Optional.of(
          new Rejection(
              Rejection.Kind.UNKNOWN_HOST,
              "host "
                  + hostId
                  + " is a "
                  + host.get().kind().wireName()
                  + ", not a llama-swap host",
              null));
    }
    if (!host.get().enabled()) {
      return Optional.of(
          new Rejection(
              Rejection.Kind.HOST_DISABLED,
              "host " + hostId + " is disabled in the registry",
              null));
    }
    if (liveness.isPresent() && liveness.get().state() == LivenessState.DOWN) {
      return Optional.of(
          new Rejection(Rejection.Kind.HOST_DOWN, downMessage(hostId, liveness.get()), null));
    }
    if (waiting >= maxQueueDepth) {
      return Optional.of(queueFull(hostId, maxQueueDepth));
    }
    return Optional.empty();
  }

  /** The refusal of one action more than {@code maxQueueDepth} waiting. */
  public static Rejection queueFull(String hostId, int maxQueueDepth) {
    return new Rejection(
        Rejection.Kind.QUEUE_FULL,
        "the queue of host "
            + hostId
            + " is full ("
            + maxQueueDepth
            + " actions waiting, the most allowed); try again when one has run",
        null);
  }

  static String downMessage(String hostId, Liveness down) {
    String why =
        down.reason() == null || down.reason().isBlank() ? "no reason given" : down.reason();
    return "host " + hostId + " is down (" + why + ")";
  }

  private static String quoted(String value) {
    String v = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return "\"" + v + "\"";
  }

  /** A validated request or the reason it is not one. */
  public record Checked(ValidRequest request, Rejection rejection) {

    static Checked ok(ValidRequest request) {
      return new Checked(request, null);
    }

    static Checked rejected(Rejection rejection) {
      return new Checked(null, rejection);
    }

    public boolean isOk() {
      return request != null;
    }
  }
}
