package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.service.CaptureInspector;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The capture inspector: one request's stored request and response. */
@Path("/api/hosts/{hostId}/activity/{epoch}/{activityId}/capture")
@Tag(name = "activity", description = "Completed requests of every host")
@SecurityRequirement(name = "session")
public class CaptureResource {

  private final CaptureInspector inspector;

  CaptureResource(CaptureInspector inspector) {
    this.inspector = inspector;
  }

  @GET
  @Operation(
      summary = "One request's capture: headers (secrets redacted), bodies, reassembled stream",
      description =
          "Read live from the host while it holds the capture (source 'host'), else from the"
              + " capture vault (source 'vault'). 404 with the reason when neither has it: the"
              + " request had no capture, the host restarted since, the host evicted it, or the"
              + " host or row is unknown. 502 when the host could not be asked and the vault has"
              + " no copy.")
  public Uni<Response> capture(
      @PathParam("hostId") String hostId,
      @PathParam("epoch") String epoch,
      @PathParam("activityId") String activityId) {
    Integer e = parseInt(epoch);
    Long id = parseLong(activityId);
    if (e == null || e < 1) {
      return Uni.createFrom().item(ApiError.of(400, "epoch must be a positive integer", "epoch"));
    }
    if (id == null || id < 0) {
      return Uni.createFrom()
          .item(ApiError.of(400, "activityId must be a non-negative integer", "activityId"));
    }
    return inspector
        .find(hostId, e, id)
        .map(
            r ->
                r.view() != null
                    ? Response.ok(r.view()).build()
                    : ApiError.of(r.missing().status(), r.missing().message()));
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  private static Long parseLong(String s) {
    try {
      return Long.valueOf(s);
    } catch (NumberFormatException ex) {
      return null;
    }
  }
}
