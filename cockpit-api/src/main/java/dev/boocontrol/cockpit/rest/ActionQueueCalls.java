package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.client.ActionQueueReply;
import dev.boocontrol.cockpit.config.CockpitConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns a guarded action-queue call into the operator's answer: action-queue's status and JSON body
 * as they are, or, when it could not be reached, did not answer in time or its breaker is open, a
 * 503 saying so (counted in {@code boocontrol_cockpit_action_queue_unavailable_total{reason}} and
 * logged).
 */
@ApplicationScoped
class ActionQueueCalls {

  private static final Logger LOG = Logger.getLogger(ActionQueueCalls.class);

  private final MeterRegistry registry;
  private final String url;

  ActionQueueCalls(MeterRegistry registry, CockpitConfig config) {
    this.registry = registry;
    this.url = config.actionQueueUrl();
  }

  Uni<Response> answer(String call, Supplier<Uni<ActionQueueReply>> request) {
    return Uni.createFrom()
        .deferred(() -> request.get())
        .map(ActionQueueCalls::passOn)
        .onFailure()
        .recoverWithItem(failure -> unavailable(call, failure));
  }

  private static Response passOn(ActionQueueReply reply) {
    Response.ResponseBuilder out = Response.status(reply.status());
    if (reply.body() != null && !reply.body().isEmpty()) {
      out.type(MediaType.APPLICATION_JSON).entity(reply.body());
    }
    return out.build();
  }

  /** The breaker's timeout, or the client's own read timeout (somewhere in the causes). */
  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private Response unavailable(String call, Throwable failure) {
    String reason;
    String message;
    if (failure instanceof CircuitBreakerOpenException) {
      reason = "circuit_open";
      message =
          "action-queue is not answering (it failed several times in a row); try again in a few"
              + " seconds";
    } else if (timedOut(failure)) {
      reason = "timeout";
      message = "action-queue did not answer in time; try again";
    } else {
      reason = "unreachable";
      message = "action-queue is unreachable at " + url + "; is it running?";
    }
    registry
        .counter("boocontrol_cockpit_action_queue_unavailable_total", "reason", reason)
        .increment();
    LOG.warnf("action-queue %s failed (%s): %s", call, reason, failure.toString());
    return ApiError.of(503, message);
  }
}
