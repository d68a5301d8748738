package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.BadParameter;
import dev.boocontrol.cockpit.query.UnknownHost;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals of the read-only queries, in the API's error shape. */
public class QueryErrors {

  @ServerExceptionMapper
  public Response badParameter(BadParameter e) {
    return ApiError.of(400, e.getMessage(), e.parameter());
  }

  @ServerExceptionMapper
  public Response unknownHost(UnknownHost e) {
    return ApiError.of(404, e.getMessage(), "hostId");
  }
}
