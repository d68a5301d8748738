package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.QueryParams;
import dev.boocontrol.cockpit.core.TimeRange;
import dev.boocontrol.cockpit.query.HostStats;
import dev.boocontrol.cockpit.query.ModelStats;
import dev.boocontrol.cockpit.query.StatsQueries;
import dev.boocontrol.cockpit.query.StatsView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Request statistics over a range: raw activity up to 48 h, the 5-minute rollups beyond (the
 * answer's {@code resolution} says which).
 */
@Path("/api/stats")
@Tag(name = "stats", description = "Request statistics per model and per host")
@SecurityRequirement(name = "session")
public class StatsResource {

  static final Duration DEFAULT_SPAN = Duration.ofHours(24);

  private final StatsQueries queries;

  StatsResource(StatsQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/models")
  @Operation(summary = "Requests, errors, tokens, speed and duration per model")
  public Uni<StatsView<ModelStats>> models(
      @Parameter(description = "ISO-8601 instant; default: 24 h before 'to'") @RestQuery
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @RestQuery String to,
      @Parameter(description = "only these hosts (repeatable)") @RestQuery List<String> host) {
    List<String> hosts = QueryParams.hostIds("host", host);
    TimeRange range = TimeRange.parse(from, to, Instant.now(), DEFAULT_SPAN);
    return queries.models(range, hosts);
  }

  @GET
  @Path("/hosts")
  @Operation(summary = "Requests, errors, tokens, speed and duration per host")
  public Uni<StatsView<HostStats>> hosts(
      @Parameter(description = "ISO-8601 instant; default: 24 h before 'to'") @RestQuery
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @RestQuery String to) {
    return queries.hosts(TimeRange.parse(from, to, Instant.now(), DEFAULT_SPAN));
  }
}
