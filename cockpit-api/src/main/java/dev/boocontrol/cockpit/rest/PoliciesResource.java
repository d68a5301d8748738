package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.BadParameter;
import dev.boocontrol.cockpit.core.PolicyInput;
import dev.boocontrol.cockpit.query.PolicyQueries;
import dev.boocontrol.contracts.policy.PolicyValidator;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The gateway's virtual models: list, create or replace (validated whole, errors naming the field),
 * delete (built-ins cannot be), and each one's recent dispatches. The gateway re-reads them every
 * few seconds.
 */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies", description = "Gateway route policies (virtual models)")
@SecurityRequirement(name = "session")
public class PoliciesResource {

  private static final Logger LOG = Logger.getLogger(PoliciesResource.class);
  static final int MAX_DISPATCHES = 200;

  private final PolicyQueries queries;

  PoliciesResource(PolicyQueries queries) {
    this.queries = queries;
  }

  @GET
  @Operation(summary = "Every virtual model with its spec, sorted by name")
  public Uni<List<PolicyQueries.Policy>> list() {
    return queries.list();
  }

  @PUT
  @Path("/{name}")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Create or replace a virtual model",
      description =
          "Body {\"description\": \"...\", \"spec\": {rules, candidates, order, filters}}; 400 naming"
              + " the first bad field (e.g. spec.order[1]); nothing is stored on a 400.")
  public Uni<PolicyQueries.Policy> save(
      @RestPath String name, String body, @Context SecurityContext security) {
    String operator = security.getUserPrincipal().getName();
    PolicyInput input = PolicyInput.parse(name, body);
    LOG.infof("policy %s saved by %s", name, operator);
    return queries.save(name, input, operator);
  }

  @DELETE
  @Path("/{name}")
  @Operation(summary = "Delete a virtual model; 409 for a built-in, 404 for an unknown one")
  public Uni<Response> delete(@RestPath String name, @Context SecurityContext security) {
    return queries
        .delete(name)
        .map(
            outcome ->
                switch (outcome) {
                  case DELETED -> {
                    LOG.infof(
                        "policy %s deleted by %s", name, security.getUserPrincipal().getName());
                    yield Response.noContent().build();
                  }
                  case BUILTIN -> ApiError.of(409, name + " is built in: edit it instead", "name");
                  case UNKNOWN -> ApiError.of(404, "no policy " + name, "name");
                });
  }

  @GET
  @Path("/{name}/dispatches")
  @Operation(summary = "The newest dispatches of a virtual model (at most 200)")
  public Uni<List<com.fasterxml.jackson.databind.JsonNode>> dispatches(
      @RestPath String name, @RestQuery String limit) {
    if (!PolicyValidator.NAME.matcher(name).matches()) {
      throw new BadParameter("name", "name must be auto or auto:<slug>");
    }
    int n;
    try {
      n = limit == null || limit.isBlank() ? 50 : Integer.parseInt(limit.strip());
    } catch (NumberFormatException bad) {
      n = -1;
    }
    if (n < 1 || n > MAX_DISPATCHES) {
      throw new BadParameter("limit", "limit must be a whole number from 1 to " + MAX_DISPATCHES);
    }
    return queries.dispatches(name, n);
  }
}
