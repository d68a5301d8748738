package dev.boocontrol.actionqueue.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.actionqueue.core.ActionRequest;
import dev.boocontrol.actionqueue.core.ActionState;
import dev.boocontrol.actionqueue.core.Courtesy;
import dev.boocontrol.actionqueue.core.Liveness;
import dev.boocontrol.actionqueue.core.Rejection;
import dev.boocontrol.actionqueue.messaging.FleetWatch;
import dev.boocontrol.actionqueue.service.ActionQueue;
import dev.boocontrol.actionqueue.service.HostAccess;
import dev.boocontrol.contracts.Json;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The action API. Internal: cockpit-api calls it and enforces operator auth. Refusals: 400 (bad
 * field, named), 404 (unknown host or action), 409 (takeover needed, host disabled, cancel too
 * late), 429 (queue full), 503 (host down).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {

  private static final Logger LOG = Logger.getLogger(ActionsResource.class);

  private final ActionQueue queue;
  private final HostAccess access;
  private final FleetWatch fleet;
  private final MeterRegistry registry;

  ActionsResource(ActionQueue queue, HostAccess access, FleetWatch fleet, MeterRegistry registry) {
    this.queue = queue;
    this.access = access;
    this.fleet = fleet;
    this.registry = registry;
  }

  /** The 409 of a courtesy refusal. */
  public record TakeoverNeeded(
      String error, String message, List<Courtesy.Use> running, List<Courtesy.Hold> heldBy) {}

  /** A host's queue. */
  public record HostActions(
      String hostId, ActionView running, List<ActionView> queued, List<ActionView> finished) {}

  /** Who uses a host now, as the seam sees it. */
  public record HostAccessView(
      String hostId,
      Liveness liveness,
      boolean free,
      String summary,
      List<Courtesy.Use> running,
      List<Courtesy.Hold> heldBy) {}

  @POST
  @Path("/hosts/{hostId}/actions")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> submit(@PathParam("hostId") String hostId, String body) {
    ActionRequest request;
    try {
      request = parse(body);
    } catch (BadBody e) {
      return Uni.createFrom()
          .item(reject(hostId, Rejection.Kind.BAD_REQUEST, e.getMessage(), e.field));
    }
    return queue
        .submit(hostId, request)
        .map(
            s -> {
              if (s.rejection() != null) {
                Rejection r = s.rejection();
                return reject(hostId, r.kind(), r.message(), r.field());
              }
              if (s.refusal() != null) {
                count("takeover_needed");
                LOG.infof(
                    "refused an action on %s: takeover needed (%s)", hostId, s.refusal().summary());
                return Response.status(409)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(
                        new TakeoverNeeded(
                            "takeover needed",
                            s.refusal().summary(),
                            s.refusal().running(),
                            s.refusal().heldBy()))
                    .build();
              }
              return Response.accepted(ActionView.of(s.action(), s.position())).build();
            });
  }

  @GET
  @Path("/hosts/{hostId}/actions")
  public Uni<Response> list(@PathParam("hostId") String hostId) {
    return queue
        .list(hostId)
        .map(
            found ->
                found
                    .map(
                        l ->
                            Response.ok(
                                    new HostActions(
                                        l.hostId(),
                                        l.running() == null
                                            ? null
                                            : ActionView.of(l.running(), null),
                                        l.queued().stream()
                                            .map(p -> ActionView.of(p.action(), p.position()))
                                            .toList(),
                                        l.finished().stream()
                                            .map(a -> ActionView.of(a, null))
                                            .toList()))
                                .build())
                    .orElseGet(() -> ApiError.of(404, "unknown host " + hostId)));
  }

  @GET
  @Path("/hosts/{hostId}/access")
  public Uni<Response> access(@PathParam("hostId") String hostId) {
    return queue
        .host(hostId)
        .chain(
            host -> {
              if (host.isEmpty()) {
                return Uni.createFrom().item(ApiError.of(404, "unknown host " + hostId));
              }
              return access
                  .peek(hostId)
                  .map(
                      d ->
                          Response.ok(
                                  new HostAccessView(
                                      hostId,
                                      fleet.liveness(hostId).orElse(null),
                                      d.proceed(),
                                      d.summary(),
                                      d.running(),
                                      d.heldBy()))
                              .build());
            });
  }

  @GET
  @Path("/actions/{id}")
  public Uni<Response> get(@PathParam("id") String id) {
    return queue
        .find(id)
        .map(
            found ->
                found
                    .map(p -> Response.ok(ActionView.of(p.action(), p.position())).build())
                    .orElseGet(() -> ApiError.of(404, "unknown action " + id)));
  }

  @DELETE
  @Path("/actions/{id}")
  public Uni<Response> cancel(@PathParam("id") String id, @QueryParam("requestedBy") String by) {
    return queue
        .cancel(id, by)
        .map(
            c ->
                switch (c.outcome()) {
                  case CANCELLED -> Response.ok(ActionView.of(c.action(), null)).build();
                  case NOT_FOUND -> ApiError.of(404, "unknown action " + id);
                  case TOO_LATE -> {
                    count("cancel_too_late");
                    // a queued action that is no longer waiting is being started
                    String state =
                        c.action().state() == ActionState.QUEUED
                            ? "starting"
                            : c.action().state().wireName();
                    yield ApiError.of(
                        409,
                        "action "
                            + id
                            + " is "
                            + state
                            + ": only a waiting action can be cancelled");
                  }
                });
  }

  private Response reject(String hostId, Rejection.Kind kind, String message, String field) {
    count(kind.name().toLowerCase(Locale.ROOT));
    LOG.infof(
        "refused an action on %s: %s%s", hostId, message, field == null ? "" : " (" + field + ")");
    int status =
        switch (kind) {
          case BAD_REQUEST -> 400;
          case UNKNOWN_HOST -> 404;
          case HOST_DISABLED -> 409;
          case QUEUE_FULL -> 429;
          case HOST_DOWN -> 503;
        };
    return ApiError.of(status, message, field);
  }

  private void count(String reason) {
    registry.counter("boocontrol_action_queue_rejected_total", "reason", reason).increment();
  }

  private static ActionRequest parse(String body) throws BadBody {
    if (body == null || body.isBlank()) {
      throw new BadBody("a JSON body is required", null);
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadBody("the body is not JSON", null);
    }
    if (json == null || !json.isObject()) {
      throw new BadBody("the body must be a JSON object", null);
    }
    JsonNode confirm = json.get("confirmTakeover");
    if (confirm != null && !confirm.isNull() && !confirm.isBoolean()) {
      throw new BadBody("confirmTakeover must be true or false", "confirmTakeover");
    }
    return new ActionRequest(
        text(json, "kind"),
        text(json, "model"),
        text(json, "requestedBy"),
        confirm != null && confirm.asBoolean(false));
  }

  private static String text(JsonNode json, String field) throws BadBody {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadBody(field + " must be a string", field);
    }
    return v.asText();
  }

  private static final class BadBody extends Exception {
    final String field;

    BadBody(String message, String field) {
      super(message, null, false, false);
      this.field = field;
    }
  }
}
