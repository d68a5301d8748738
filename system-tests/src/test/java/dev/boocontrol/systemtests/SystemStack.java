package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.TestDatabase;
import dev.boocontrol.sim.Ports;
import dev.boocontrol.sim.SimMain;
import dev.boocontrol.sim.core.SimConfigParser;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A whole BooControl stack for system tests: two simulated llama-swap hosts in this JVM, registered
 * under ids of their own, and the packaged services started as processes on free ports against the
 * test PostgreSQL and broker. Closing it stops every process, disables the hosts and stops the
 * sims.
 */
final class SystemStack implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String hostA;
  final String hostB;
  final Map<String, String> env = new HashMap<>();
  private final Vertx vertx = Vertx.vertx();
  private final int control;
  private final Map<String, Integer> simPort = new HashMap<>();
  private final Map<String, List<String>> models = new HashMap<>();
  private final int[] freePorts;
  private int nextPort = 3;
  private final Path hostsFile;
  private final List<ServiceProcess> started = new ArrayList<>();
  private final Random random;

  /**
   * @param configA simulator YAML of host A, whose models are {@code modelsA}
   * @param configB simulator YAML of host B, whose models are {@code modelsB}
   */
  SystemStack(
      String configA,
      List<String> modelsA,
      String configB,
      List<String> modelsB,
      Map<String, String> serviceSettings,
      long seed)
      throws Exception {
    this.random = new Random(seed);
    freePorts = Ports.freeRun(12);
    control = freePorts[0];
    new SimMain(vertx)
        .start(
            List.of(
                SimConfigParser.parse(configA, "sys-a"), SimConfigParser.parse(configB, "sys-b")),
            freePorts[1],
            control)
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    hostA = "sys-a-" + suffix;
    hostB = "sys-b-" + suffix;
    simPort.put(hostA, freePorts[1]);
    simPort.put(hostB, freePorts[2]);
    models.put(hostA, modelsA);
    models.put(hostB, modelsB);
    hostsFile = Files.createTempFile("system-hosts", ".yaml");
    Files.writeString(
        hostsFile,
        "hosts:\n"
            + "  - id: "
            + hostA
            + "\n    url: http://127.0.0.1:"
            + freePorts[1]
            + "\n  - id: "
            + hostB
            + "\n    url: http://127.0.0.1:"
            + freePorts[2]
            + "\n");
    env.put("BOO_HOSTS_FILE", hostsFile.toString());
    env.put("BOO_PG_HOST", TestDatabase.host());
    env.put("BOO_PG_PORT", TestDatabase.port());
    env.put("BOO_PG_USER", TestDatabase.user());
    env.put("BOO_PG_PASSWORD", TestDatabase.password());
    env.put("BOO_PG_DB", TestDatabase.database());
    env.put(
        "BOO_KAFKA_BOOTSTRAP",
        System.getenv().getOrDefault("BOO_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19192"));
    env.put("BOOCONTROL_REGISTRY_DISABLE_UNLISTED", "false");
    env.putAll(serviceSettings);
  }

  /** The next free port for a service process. */
  int port() {
    return freePorts[nextPort++];
  }

  /** Starts a packaged service and waits until it is ready. */
  ServiceProcess start(String module, String name, int port) throws Exception {
    ServiceProcess p = new ServiceProcess(module, name, port, env).start();
    started.add(p);
    return p;
  }

  /**
   * One chat completion to a host (random model, stream or not); -1 when the host is unreachable.
   */
  int chat(String host) {
    List<String> ids = models.get(host);
    return chat(host, ids.get(random.nextInt(ids.size())));
  }

  int chat(String host, String model) {
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":"
            + random.nextBoolean()
            + ",\"max_tokens\":"
            + (4 + random.nextInt(12))
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"system test "
            + System.nanoTime()
            + "\"}]}";
    try {
      return HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + simPort.get(host) + "/v1/chat/completions"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("X-Boo-Source", "system-test")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (IOException e) {
      return -1; // the host is down or dropped us
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * A streamed chat of {@code maxTokens} tokens, sent without waiting (a request that stays in
   * flight for a while: the simulator generates at its model's {@code genTps}).
   */
  java.util.concurrent.CompletableFuture<Integer> chatAsync(
      String host, String model, int maxTokens) {
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":true,\"max_tokens\":"
            + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"long system test "
            + System.nanoTime()
            + "\"}]}";
    return HTTP.sendAsync(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + simPort.get(host) + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("X-Boo-Source", "system-test")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(HttpResponse::statusCode);
  }

  /** Where a host's simulator listens. */
  int simPort(String host) {
    return simPort.get(host);
  }

  JsonNode simGet(String host, String path) {
    return sim(host, "GET", path, "");
  }

  void simPost(String host, String path) {
    sim(host, "POST", path, "");
  }

  /** A simulator control call with a JSON body. */
  JsonNode simPost(String host, String path, String body) {
    return sim(host, "POST", path, body);
  }

  int subscribers(String host) {
    return simGet(host, "/status").path("event_subscribers").asInt();
  }

  void awaitSubscribed(String host) throws InterruptedException {
    Eventually.await(
        "a connector streams events from " + host,
        Duration.ofSeconds(30),
        () -> subscribers(host) >= 1);
  }

  private JsonNode sim(String host, String method, String path, String body) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + control + "/sim/hosts/" + simPort.get(host) + path))
                  .timeout(Duration.ofSeconds(30))
                  .method(
                      method,
                      body.isEmpty()
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    for (ServiceProcess p : started) {
      p.close();
    }
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s =
            c.prepareStatement("UPDATE hosts SET enabled = false WHERE id = ANY(?)")) {
      s.setArray(1, c.createArrayOf("text", new Object[] {hostA, hostB}));
      s.executeUpdate();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Files.deleteIfExists(hostsFile);
  }
}
