package dev.boocontrol.cockpit.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * action-queue's REST API as cockpit-api calls it. Every answer comes back as it is (status and
 * JSON body; the default exception mapper is off), so refusals reach the operator unchanged. Use it
 * through {@link ActionQueueGateway}, which guards it.
 */
@RegisterRestClient(configKey = "action-queue")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ActionQueueApi {

  @POST
  @Path("/hosts/{hostId}/actions")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> submit(@PathParam("hostId") String hostId, String body);

  @GET
  @Path("/hosts/{hostId}/actions")
  Uni<Response> list(@PathParam("hostId") String hostId);

  @GET
  @Path("/actions/{id}")
  Uni<Response> get(@PathParam("id") String id);

  @DELETE
  @Path("/actions/{id}")
  Uni<Response> cancel(@PathParam("id") String id, @QueryParam("requestedBy") String requestedBy);
}
