package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.BadParameter;
import dev.boocontrol.cockpit.query.UnknownHost;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals of the read-only queries, in the API's error shape; bad parameters are counted. */
public class QueryErrors {

  private static final Logger LOG = Logger.getLogger(QueryErrors.class);

  @Inject MeterRegistry registry;

  @ServerExceptionMapper
  public Response badParameter(BadParameter e) {
    registry.counter("boocontrol_cockpit_bad_parameters_total", "field", e.parameter()).increment();
    LOG.infof("refused parameter %s: %s", e.parameter(), e.getMessage());
    return ApiError.of(400, e.getMessage(), e.parameter());
  }

  @ServerExceptionMapper
  public Response unknownHost(UnknownHost e) {
    return ApiError.of(404, e.getMessage(), "hostId");
  }
}
