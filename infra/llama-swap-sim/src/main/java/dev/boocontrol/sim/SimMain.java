package dev.boocontrol.sim;

import dev.boocontrol.sim.core.GoJson;
import dev.boocontrol.sim.core.SimConfig;
import dev.boocontrol.sim.core.SimConfigException;
import dev.boocontrol.sim.core.SimConfigParser;
import dev.boocontrol.sim.host.SimControl;
import dev.boocontrol.sim.host.SimHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs simulated llama-swap hosts: one per config file, on consecutive ports, plus a control port
 * whose {@code /sim/hosts/{port}/…} reaches a host even while it is down.
 *
 * <pre>
 * java -jar llama-swap-sim.jar [--port 9601] [--control-port 9600] host-a.yaml [host-b.yaml …]
 * </pre>
 */
public final class SimMain {

  private final Vertx vertx;
  private final List<SimHost> hosts = new ArrayList<>();
  private HttpServer control;

  public SimMain(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts one host per config on {@code firstPort}, {@code firstPort + 1}, …. */
  public Future<Void> start(List<SimConfig> configs, int firstPort, int controlPort) {
    List<Future<String>> deployments = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      SimHost host = new SimHost(firstPort + i, configs.get(i));
      hosts.add(host);
      deployments.add(vertx.deployVerticle(host));
    }
    Future<Void> all = Future.all(deployments).mapEmpty();
    if (controlPort <= 0) {
      return all;
    }
    return all.compose(
        v -> {
          control = vertx.createHttpServer();
          control.requestHandler(
              req -> {
                String path = req.path();
                if (path.equals("/sim/hosts")) {
                  Future.all(hosts.stream().map(SimHost::status).toList())
                      .onComplete(
                          ar -> SimControl.reply(req, 200, Map.of("hosts", ar.result().list())));
                  return;
                }
                for (SimHost h : hosts) {
                  String prefix = "/sim/hosts/" + h.port();
                  if (path.startsWith(prefix + "/")) {
                    SimControl.handle(h, req, path.substring(prefix.length()));
                    return;
                  }
                }
                SimControl.reply(req, 404, Map.of("error", "no simulated host at " + path));
              });
          return control.listen(controlPort, "127.0.0.1").mapEmpty();
        });
  }

  public List<SimHost> hosts() {
    return hosts;
  }

  /** Closes every host and the control port (closing Vert.x closes its servers). */
  public Future<Void> stop() {
    return vertx.close();
  }

  public static void main(String[] args) throws Exception {
    int port = 9601;
    int controlPort = -1;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--control-port" -> controlPort = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          usage();
          return;
        }
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      usage();
      System.exit(64);
    }
    if (controlPort < 0) {
      controlPort = port - 1;
    }
    List<SimConfig> configs = new ArrayList<>();
    for (Path f : files) {
      try {
        configs.add(SimConfigParser.parse(Files.readString(f), f.toString()));
      } catch (SimConfigException e) {
        System.err.println("invalid simulator config " + f + ":");
        e.problems().forEach(p -> System.err.println("  " + p));
        System.exit(2);
      } catch (IOException e) {
        System.err.println("cannot read " + f + ": " + e.getMessage());
        System.exit(2);
      }
    }
    Vertx vertx = Vertx.vertx();
    SimMain sim = new SimMain(vertx);
    sim.start(configs, port, controlPort)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    for (SimHost h : sim.hosts()) {
      System.out.println("simulated llama-swap host on http://127.0.0.1:" + h.port());
    }
    System.out.println("simulator control API on http://127.0.0.1:" + controlPort + "/sim/hosts");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    sim.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println("simulator stop: " + e);
                  }
                }));
    System.out.flush();
    GoJson.mapper(); // fail fast if JSON setup is broken
  }

  private static void usage() {
    System.err.println(
        "usage: java -jar llama-swap-sim.jar [--port FIRST_PORT] [--control-port PORT] CONFIG.yaml...");
  }
}
