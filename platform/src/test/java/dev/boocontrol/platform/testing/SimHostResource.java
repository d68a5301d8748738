package dev.boocontrol.platform.testing;

import dev.boocontrol.sim.Ports;
import dev.boocontrol.sim.SimMain;
import dev.boocontrol.sim.core.SimConfigParser;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real simulated llama-swap hosts (in-process, on free loopback ports), registered under host ids
 * of their own so runs never share epochs in the test database: host A ({@code it.sim.*}) and host
 * B with performance monitoring turned off ({@code it.sim.b.*}). Short timings keep liveness tests
 * quick.
 */
public class SimHostResource implements QuarkusTestResourceLifecycleManager {

  static final String HOST =
      """
      metricsMaxInMemory: 5
      captureBuffer: 2
      performance:
        every: 500ms
      sim:
        hostName: it-sim
        fastClock: true
      models:
        a:
          name: "Model A"
          ttl: 600
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
        b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
      """;

  static final String HOST_WITHOUT_PERF =
      """
      performance:
        disabled: true
      sim:
        hostName: it-sim-noperf
      models:
        m:
          sim: {loadSeconds: 0.1}
      """;

  private Vertx vertx;
  private Path hostsFile;
  private final java.util.List<String> registered = new java.util.ArrayList<>();

  @Override
  public Map<String, String> start() {
    try {
      int[] ports = Ports.freeRun(3);
      int control = ports[0];
      int port = ports[1];
      int portB = ports[2];
      vertx = Vertx.vertx();
      new SimMain(vertx)
          .start(
              List.of(
                  SimConfigParser.parse(HOST, "it"),
                  SimConfigParser.parse(HOST_WITHOUT_PERF, "it-b")),
              port,
              control)
          .toCompletionStage()
          .toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String hostId = "it-sim-" + suffix;
      String hostB = "it-noperf-" + suffix;
      registered.add(hostId);
      registered.add(hostB);
      hostsFile = Files.createTempFile("it-hosts", ".yaml");
      Files.writeString(
          hostsFile,
          "hosts:\n  - id: "
              + hostId
              + "\n    url: http://127.0.0.1:"
              + port
              + "\n"
              + "  - id: "
              + hostB
              + "\n    url: http://127.0.0.1:"
              + portB
              + "\n");
      return Map.ofEntries(
          Map.entry("boocontrol.registry.hosts-file", hostsFile.toString()),
          Map.entry("boocontrol.registry.disable-unlisted", "false"),
          Map.entry("boocontrol.fleet-connector.lease-ttl", "3s"),
          Map.entry("boocontrol.fleet-connector.reconnect-max-backoff", "400ms"),
          Map.entry("boocontrol.fleet-connector.failures-before-down", "3"),
          Map.entry("boocontrol.fleet-connector.down-probe-interval", "1s"),
          Map.entry("boocontrol.fleet-connector.health-probe-interval", "1s"),
          Map.entry("boocontrol.fleet-connector.request-timeout", "3s"),
          Map.entry("it.sim.host-id", hostId),
          Map.entry("it.sim.port", Integer.toString(port)),
          Map.entry("it.sim.control-port", Integer.toString(control)),
          Map.entry("it.sim.b.host-id", hostB),
          Map.entry("it.sim.b.port", Integer.toString(portB)),
          Map.entry("boocontrol.perf-ingest.lease-ttl", "3s"),
          Map.entry("boocontrol.perf-ingest.poll-interval", "1s"));
    } catch (IOException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("simulated host did not start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    // The test database outlives this run: leave no enabled host behind for later connectors.
    try (java.sql.Connection c = TestDatabase.connect(TestDatabase.database());
        java.sql.PreparedStatement s =
            c.prepareStatement("UPDATE hosts SET enabled = false WHERE id = ANY(?)")) {
      s.setArray(1, c.createArrayOf("text", registered.toArray()));
      s.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not disable the simulated hosts", e);
    }
    try {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(hostsFile);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
