package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.client.ActionQueueGateway;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/**
 * One control action: read it, or cancel it while it waits (action-queue's answers as they are).
 */
@Path("/api/actions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions", description = "Warm and unload models through action-queue's per-host queue")
@SecurityRequirement(name = "session")
public class ActionsResource {

  private final ActionQueueGateway gateway;
  private final ActionQueueCalls calls;

  ActionsResource(ActionQueueGateway gateway, ActionQueueCalls calls) {
    this.gateway = gateway;
    this.calls = calls;
  }

  @GET
  @Operation(summary = "One action; 404 when unknown")
  public Uni<Response> get(@PathParam("id") String id) {
    return calls.answer("get", () -> gateway.get(id));
  }

  @DELETE
  @Operation(
      summary = "Cancel a queued action",
      description =
          "The logged-in operator is recorded. 200 with the cancelled action; 409 when it already"
              + " runs or ended; 404 when unknown.")
  public Uni<Response> cancel(@PathParam("id") String id, @Context SecurityContext security) {
    return calls.answer("cancel", () -> gateway.cancel(id, security.getUserPrincipal().getName()));
  }
}
