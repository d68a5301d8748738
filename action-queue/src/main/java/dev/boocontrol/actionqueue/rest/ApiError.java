package dev.boocontrol.actionqueue.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The error shape of the suite's APIs (as cockpit-api's): {@code {"error": "...", "field": "..."}}
 * ({@code field} only when one input is at fault).
 */
public record ApiError(String error, String field) {

  public static Response of(int status, String error) {
    return of(status, error, null);
  }

  public static Response of(int status, String error, String field) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(error, field))
        .build();
  }
}
