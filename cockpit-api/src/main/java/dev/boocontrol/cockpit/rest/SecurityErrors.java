package dev.boocontrol.cockpit.rest;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Security refusals as JSON, like every other error of the API. */
public class SecurityErrors {

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return ApiError.of(401, "log in first: POST /api/login");
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return ApiError.of(403, "not allowed for this operator");
  }
}
