package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.ActivityFilter;
import dev.boocontrol.cockpit.query.ActivityPage;
import dev.boocontrol.cockpit.query.ActivityQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The request history: search with filters, newest first, paged by an opaque cursor. */
@Path("/api/activity")
@Tag(name = "activity", description = "Completed requests of every host")
@SecurityRequirement(name = "session")
public class ActivityResource {

  private final ActivityQueries queries;

  ActivityResource(ActivityQueries queries) {
    this.queries = queries;
  }

  @GET
  @Operation(
      summary = "Search completed requests, newest first",
      description =
          "Repeat host, model or source to match any of several values. Pass the answer's"
              + " 'next' as 'before' for the following page; 'next' is null on the last page.")
  public Uni<ActivityPage> search(
      @Parameter(description = "host id (repeatable)") @RestQuery List<String> host,
      @Parameter(description = "model name (repeatable)") @RestQuery List<String> model,
      @Parameter(description = "source, e.g. direct (repeatable)") @RestQuery List<String> source,
      @Parameter(description = "ok (2xx), error (not 2xx) or an exact status code") @RestQuery
          String status,
      @Parameter(description = "ISO-8601 instant; default: 24 h before 'to'") @RestQuery
          String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @RestQuery String to,
      @Parameter(description = "rows per page, 1..500; default 100") @RestQuery String limit,
      @Parameter(description = "the 'next' cursor of the previous page") @RestQuery String before) {
    ActivityFilter filter =
        ActivityFilter.parse(
            new ActivityFilter.Params(host, model, source, status, from, to, limit, before),
            Instant.now());
    return queries.search(filter);
  }
}
