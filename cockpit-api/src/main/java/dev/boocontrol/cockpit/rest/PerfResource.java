package dev.boocontrol.cockpit.rest;

import dev.boocontrol.cockpit.core.Resolution;
import dev.boocontrol.cockpit.core.TimeRange;
import dev.boocontrol.cockpit.query.PerfQueries;
import dev.boocontrol.cockpit.query.PerfView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A host's GPU, system and per-model speed timelines. */
@Path("/api/perf/{hostId}")
@Tag(name = "perf", description = "Performance timelines of one host")
@SecurityRequirement(name = "session")
public class PerfResource {

  private final PerfQueries queries;

  PerfResource(PerfQueries queries) {
    this.queries = queries;
  }

  @GET
  @Operation(
      summary = "GPU, system and tokens/s timelines of a host",
      description =
          "Raw samples for ranges up to 6 h, 5-minute rollups beyond; every series is bucketed to"
              + " at most 2016 points ('stepSeconds'). An unknown host answers 404 (field hostId).")
  public Uni<PerfView> perf(
      @RestPath String hostId,
      @Parameter(description = "ISO-8601 instant; default: 6 h before 'to'") @RestQuery String from,
      @Parameter(description = "ISO-8601 instant, exclusive; default: now") @RestQuery String to) {
    TimeRange range = TimeRange.parse(from, to, Instant.now(), Resolution.PERF_RAW_LIMIT);
    return queries.perf(hostId, range);
  }
}
