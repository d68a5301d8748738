package dev.boocontrol.fleetconnector;

import dev.boocontrol.sim.SimMain;
import dev.boocontrol.sim.core.SimConfigParser;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real simulated llama-swap host (in-process, on free loopback ports), registered under a host id
 * of its own so runs never share epochs in the test database. Short timings keep liveness tests
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
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
        b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
      """;

  private Vertx vertx;
  private Path hostsFile;

  @Override
  public Map<String, String> start() {
    try {
      int control;
      int port;
      try (ServerSocket a = new ServerSocket(0);
          ServerSocket b = new ServerSocket(0)) {
        control = a.getLocalPort();
        port = b.getLocalPort();
      }
      vertx = Vertx.vertx();
      new SimMain(vertx)
          .start(List.of(SimConfigParser.parse(HOST, "it")), port, control)
          .toCompletionStage()
          .toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
      String hostId = "it-sim-" + UUID.randomUUID().toString().substring(0, 8);
      hostsFile = Files.createTempFile("it-hosts", ".yaml");
      Files.writeString(
          hostsFile, "hosts:\n  - id: " + hostId + "\n    url: http://127.0.0.1:" + port + "\n");
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
          Map.entry("it.sim.control-port", Integer.toString(control)));
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
