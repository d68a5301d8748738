package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.BadParameter;
import dev.boocontrol.cockpit.core.HostLogs;
import dev.boocontrol.cockpit.core.LogRequest;
import dev.boocontrol.cockpit.live.LiveFleet;
import dev.boocontrol.cockpit.query.HostTargets;
import dev.boocontrol.cockpit.query.UnknownHost;
import dev.boocontrol.cockpit.service.HostClients;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.llamaswap.core.error.LlamaSwapException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Host logs: the proxy and upstream tail this replica keeps for late joiners (live lines follow as
 * {@code control_log} frames), and one model's own output streamed from the host on demand.
 */
@Path("/api/hosts/{id}/logs")
@Tag(name = "logs", description = "Host logs")
@SecurityRequirement(name = "session")
public class LogsResource {

  private static final Logger LOG = Logger.getLogger(LogsResource.class);

  private final LiveFleet fleet;
  private final HostTargets targets;
  private final HostClients clients;

  LogsResource(LiveFleet fleet, HostTargets targets, HostClients clients) {
    this.fleet = fleet;
    this.targets = targets;
    this.clients = clients;
  }

  @GET
  @Operation(
      summary =
          "The newest lines of a host's proxy and upstream logs, with the seq they were read at")
  public HostLogs tail(
      @RestPath String id,
      @Parameter(description = "proxy or upstream; default both") @RestQuery String source,
      @Parameter(description = "newest lines per source, 1..2000; default 500") @RestQuery
          String limit) {
    LogRequest request = LogRequest.parse(source, limit);
    return fleet.logs(id, request).orElseThrow(() -> new UnknownHost(id));
  }

  /**
   * Server-sent events: one unnamed event per chunk the host wrote (text as is, ANSI colours
   * included), because the response must open before the model writes anything. A malformed model
   * id is refused (400) before it opens; an unregistered host, a model the host does not have, or a
   * host that fails ends the stream with one {@code error} event whose data is the API's error
   * JSON.
   */
  @GET
  @Path("/stream/{model: .+}")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary =
          "A model's own log as llama-swap streams it (its recent history first, then live text)")
  public Multi<OutboundSseEvent> stream(
      @RestPath String id, @RestPath String model, @Context Sse sse) {
    String modelId = LogRequest.modelId(model);
    boolean knownToFleet =
        fleet.host(id).stream()
            .flatMap(h -> h.models().stream())
            .anyMatch(m -> modelId.equals(m.modelId()));
    return targets
        .of(id)
        .chain(
            target -> {
              LlamaSwapClient client = clients.client(target);
              if (knownToFleet) {
                return Uni.createFrom().item(client);
              }
              return client
                  .v1Models()
                  .map(
                      listed -> {
                        if (listed.find(modelId).isEmpty()) {
                          throw new BadParameter(
                              "model", "host " + id + " has no model " + modelId);
                        }
                        return client;
                      });
            })
        .onItem()
        .transformToMulti(client -> client.logsStream(Optional.of(modelId), false))
        .map(
            chunk -> sse.newEventBuilder().mediaType(MediaType.TEXT_PLAIN_TYPE).data(chunk).build())
        .onFailure()
        .recoverWithItem(failure -> errorEvent(sse, id, modelId, failure));
  }

  private static OutboundSseEvent errorEvent(
      Sse sse, String id, String modelId, Throwable failure) {
    ApiError error;
    if (failure instanceof UnknownHost unknown) {
      error = new ApiError(unknown.getMessage(), "hostId");
    } else if (failure instanceof BadParameter bad) {
      error = new ApiError(bad.getMessage(), bad.parameter());
    } else if (failure instanceof LlamaSwapException.BadRequest) {
      error = new ApiError("host " + id + " has no model " + modelId, "model");
    } else {
      LOG.infof("host %s: log stream of %s failed: %s", id, modelId, failure.toString());
      String message = failure.getMessage();
      error =
          new ApiError(
              "host "
                  + id
                  + " did not answer: "
                  + failure.getClass().getSimpleName()
                  + (message == null ? "" : ": " + message),
              null);
    }
    return sse.newEventBuilder()
        .name("error")
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(Json.write(error))
        .build();
  }
}
