package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.QueryParams;
import dev.boocontrol.cockpit.core.TimeRange;
import dev.boocontrol.cockpit.query.GapList;
import dev.boocontrol.cockpit.query.GapQueries;
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

/** Windows of activity rows that were probably lost. */
@Path("/api/gaps")
@Tag(name = "gaps", description = "Activity gap windows")
@SecurityRequirement(name = "session")
public class GapsResource {

  static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  private final GapQueries queries;

  GapsResource(GapQueries queries) {
    this.queries = queries;
  }

  @GET
  @Operation(summary = "Gap windows detected in a range, newest first (at most 500)")
  public Uni<GapList> gaps(
      @Parameter(description = "only these hosts (repeatable)") @RestQuery List<String> host,
      @Parameter(description = "ISO-8601 instant; default: 30 days before 'to'") @RestQuery
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @RestQuery String to) {
    List<String> hosts = QueryParams.hostIds("host", host);
    TimeRange range = TimeRange.parse(from, to, Instant.now(), DEFAULT_SPAN);
    return queries.gaps(range, hosts);
  }
}
