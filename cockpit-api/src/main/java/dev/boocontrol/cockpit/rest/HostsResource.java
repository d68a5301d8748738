package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.live.LiveFleet;
import dev.boocontrol.contracts.cockpit.HostView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The live fleet as REST: every host with liveness, models, GPUs, in-flight requests and gaps. */
@Path("/api/hosts")
public class HostsResource {

  private final LiveFleet fleet;

  HostsResource(LiveFleet fleet) {
    this.fleet = fleet;
  }

  @GET
  public List<HostView> hosts() {
    return fleet.hosts();
  }

  @GET
  @Path("/{id}")
  public Response host(@PathParam("id") String id) {
    return fleet
        .host(id)
        .map(h -> Response.ok(h).build())
        .orElseGet(() -> ApiError.of(404, "no host " + id, "id"));
  }
}
