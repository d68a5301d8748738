package dev.boocontrol.cockpit.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one way cockpit-api reaches action-queue: a timeout and a circuit breaker on every call, and
 * retries only on reads (a submit or cancel repeated after a lost answer could queue or cancel
 * twice). Any answer of action-queue, a refusal included, is a success here: only an unreachable or
 * silent action-queue counts against the breaker. Failures come out as exceptions ({@link
 * java.net.ConnectException}, {@link
 * org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException}, {@link
 * CircuitBreakerOpenException}, …), which the resource turns into a 503. Timings are set in {@code
 * application.properties} (shortened by the test profile).
 */
@ApplicationScoped
public class ActionQueueGateway {

  private final ActionQueueApi api;

  ActionQueueGateway(@RestClient ActionQueueApi api) {
    this.api = api;
  }

  @Timeout(5000)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10000)
  public Uni<ActionQueueReply> submit(String hostId, String body) {
    return api.submit(hostId, body).map(ActionQueueGateway::reply);
  }

  @Timeout(5000)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10000)
  public Uni<ActionQueueReply> cancel(String id, String requestedBy) {
    return api.cancel(id, requestedBy).map(ActionQueueGateway::reply);
  }

  @Timeout(3000)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10000)
  @Retry(maxRetries = 2, delay = 200, abortOn = CircuitBreakerOpenException.class)
  public Uni<ActionQueueReply> list(String hostId) {
    return api.list(hostId).map(ActionQueueGateway::reply);
  }

  @Timeout(3000)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10000)
  @Retry(maxRetries = 2, delay = 200, abortOn = CircuitBreakerOpenException.class)
  public Uni<ActionQueueReply> get(String id) {
    return api.get(id).map(ActionQueueGateway::reply);
  }

  private static ActionQueueReply reply(Response response) {
    try (response) {
      String body = response.hasEntity() ? response.readEntity(String.class) : null;
      return new ActionQueueReply(response.getStatus(), body);
    }
  }
}
