package dev.boocontrol.actionqueue;

import dev.boocontrol.platform.testing.TestDatabase;
import dev.boocontrol.sim.Ports;
import dev.boocontrol.sim.SimMain;
import dev.boocontrol.sim.core.SimConfig;
import dev.boocontrol.sim.core.SimConfigParser;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real simulated llama-swap hosts for action-queue, one per scenario so the scenarios never see
 * each other's queue or activity, registered under fresh ids. Host {@code it.aq.<role>.id} listens
 * on {@code it.aq.<role>.port}. Stale-after is short here, so an action behind a slow warm goes
 * stale.
 */
public class ActionHostsResource implements QuarkusTestResourceLifecycleManager {

  /** The scenarios, each on a host of its own. */
  static final List<String> ROLES =
      List.of("warm", "order", "full", "stale", "down", "takeover", "held");

  private static final String QUICK =
      """
      sim:
        hostName: %s
      models:
        a:
          sim: {loadSeconds: %s, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
        b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
        slow:
          sim: {loadSeconds: 6, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
      """;

  private Vertx vertx;
  private Path hostsFile;
  private final List<String> registered = new ArrayList<>();

  @Override
  public Map<String, String> start() {
    try {
      int[] ports = Ports.freeRun(ROLES.size());
      List<SimConfig> configs = new ArrayList<>();
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      StringBuilder yaml = new StringBuilder("hosts:\n");
      Map<String, String> props = new HashMap<>();
      for (int i = 0; i < ROLES.size(); i++) {
        String role = ROLES.get(i);
        // the warm scenario's model "a" loads slowly enough to be seen starting
        String loadA = role.equals("warm") ? "1.5" : "0.2";
        configs.add(SimConfigParser.parse(QUICK.formatted("aq-" + role, loadA), "aq-" + role));
        String id = "aq-" + role + "-" + suffix;
        registered.add(id);
        yaml.append("  - id: ")
            .append(id)
            .append("\n    url: http://127.0.0.1:")
            .append(ports[i])
            .append("\n");
        props.put("it.aq." + role + ".id", id);
        props.put("it.aq." + role + ".port", Integer.toString(ports[i]));
      }
      vertx = Vertx.vertx();
      new SimMain(vertx)
          .start(configs, ports[0], 0)
          .toCompletionStage()
          .toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
      hostsFile = Files.createTempFile("aq-hosts", ".yaml");
      Files.writeString(hostsFile, yaml.toString());
      props.put("boocontrol.registry.hosts-file", hostsFile.toString());
      props.put("boocontrol.registry.disable-unlisted", "false");
      props.put("boocontrol.action-queue.stale-after", "2s");
      return props;
    } catch (Exception e) {
      throw new IllegalStateException("simulated hosts did not start", e);
    }
  }

  @Override
  public void stop() {
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s =
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
