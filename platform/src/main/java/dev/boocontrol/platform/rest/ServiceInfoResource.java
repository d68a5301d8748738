package dev.boocontrol.platform.rest;

import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.registry.HostRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /api/service}: which service answers, since when, and how many hosts it knows. Used by
 * {@code ./boocontrol status}; health and metrics live under {@code /q/}. Never returns host keys.
 */
@Path("/api/service")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

  /** The answer. {@code connectableHosts} are enabled llama-swap hosts. */
  public record ServiceInfo(
      String service,
      String version,
      String instanceId,
      Instant startedAt,
      int registeredHosts,
      int connectableHosts) {}

  private final ServiceConfig service;
  private final HostRepository hosts;
  private final String name;
  private final String version;

  ServiceInfoResource(
      ServiceConfig service,
      HostRepository hosts,
      @ConfigProperty(name = "quarkus.application.name") String name,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
    this.service = service;
    this.hosts = hosts;
    this.name = name;
    this.version = version;
  }

  @GET
  public Uni<ServiceInfo> info() {
    return hosts
        .findAll()
        .map(
            (List<HostSpec> all) ->
                new ServiceInfo(
                    name,
                    version,
                    service.instanceId(),
                    Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                    all.size(),
                    (int) all.stream().filter(HostSpec::connectable).count()));
  }
}
