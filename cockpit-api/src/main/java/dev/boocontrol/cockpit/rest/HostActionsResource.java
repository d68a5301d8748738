package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.client.ActionQueueGateway;
import dev.boocontrol.cockpit.core.ActionBody;
import dev.boocontrol.cockpit.core.BadParameter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * A host's control actions (warm, unload, unload all) for logged-in operators, handed to
 * action-queue through {@link ActionQueueGateway}. action-queue's answers pass through unchanged;
 * when it cannot be reached the answer is a 503 saying so.
 */
@Path("/api/hosts/{hostId}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions", description = "Warm and unload models through action-queue's per-host queue")
@SecurityRequirement(name = "session")
public class HostActionsResource {

  private static final Logger LOG = Logger.getLogger(HostActionsResource.class);

  private final ActionQueueGateway gateway;
  private final ActionQueueCalls calls;
  private final MeterRegistry registry;

  HostActionsResource(ActionQueueGateway gateway, ActionQueueCalls calls, MeterRegistry registry) {
    this.gateway = gateway;
    this.calls = calls;
    this.registry = registry;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Queue an action on a host",
      description =
          "Body {\"kind\": \"warm\"|\"unload\"|\"unload_all\", \"model\": \"...\","
              + " \"confirmTakeover\": false}; the logged-in operator is recorded as requestedBy."
              + " 202 with the queued action and its position; 400 naming the field; 404 unknown"
              + " host; 409 takeover needed ({error, message, running, heldBy}: send again with"
              + " confirmTakeover true) or host disabled; 429 queue full; 503 host down, or"
              + " action-queue unreachable.")
  public Uni<Response> submit(
      @PathParam("hostId") String hostId, String body, @Context SecurityContext security) {
    String operator = security.getUserPrincipal().getName();
    String forwarded;
    try {
      forwarded = ActionBody.forOperator(body, operator);
    } catch (BadParameter e) {
      registry
          .counter("boocontrol_cockpit_action_requests_rejected_total", "reason", "bad_body")
          .increment();
      LOG.infof("refused an action request on %s by %s: %s", hostId, operator, e.getMessage());
      return Uni.createFrom().item(ApiError.of(400, e.getMessage(), e.parameter()));
    }
    return calls.answer("submit", () -> gateway.submit(hostId, forwarded));
  }

  @GET
  @Operation(
      summary =
          "A host's actions: the running one, the queued ones with positions, the newest"
              + " finished")
  public Uni<Response> list(@PathParam("hostId") String hostId) {
    return calls.answer("list", () -> gateway.list(hostId));
  }
}
