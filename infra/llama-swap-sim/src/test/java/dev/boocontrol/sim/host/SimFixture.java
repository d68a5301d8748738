package dev.boocontrol.sim.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.sim.Ports;
import dev.boocontrol.sim.SimMain;
import dev.boocontrol.sim.core.SimConfigParser;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real simulated hosts on free loopback ports, driven from the outside with a plain JDK HTTP
 * client, the way BooControl (or anyone) would talk to a llama-swap host.
 */
final class SimFixture implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A small, fast host: loads in 200 ms, 400 tokens/s, TTL 1 s on model "a". */
  static final String FAST_HOST =
      """
      metricsMaxInMemory: 5
      captureBuffer: 1
      performance:
        every: 200ms
      sim:
        hostName: test-host
        fastClock: true
        seed: 7
        gpus:
          - name: "NVIDIA GeForce RTX 3090"
            vramMb: 24576
      models:
        a:
          name: "Model A"
          description: "chat"
          ttl: 1
          aliases: ["alpha"]
          capabilities:
            in: [text]
            out: [text]
            tools: true
            context: 8192
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, vramMb: 8000, genTps: 400, promptTps: 20000}
        b:
          name: "Model B"
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, vramMb: 6000, genTps: 400, promptTps: 20000}
        e:
          unlisted: true
          sim: {loadSeconds: 0.1, unloadSeconds: 0.05, vramMb: 300, promptTps: 20000}
        broken:
          sim: {loadSeconds: 0.1, failLoad: true}
        slow:
          concurrencyLimit: 1
          sim: {loadSeconds: 0.1, unloadSeconds: 0.05, genTps: 20, promptTps: 20000}
      routing:
        router:
          use: group
          settings:
            groups:
              chat:
                swap: true
                exclusive: false
                members: [a, b, broken, slow]
              embed:
                swap: false
                exclusive: false
                persistent: true
                members: [e]
      """;

  final Vertx vertx = Vertx.vertx();
  final SimMain sim = new SimMain(vertx);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final int port;
  final int controlPort;

  SimFixture(String... configs) throws Exception {
    int[] ports = Ports.freeRun(configs.length + 1);
    controlPort = ports[0];
    port = ports[1];
    List<dev.boocontrol.sim.core.SimConfig> parsed = new ArrayList<>();
    for (String c : configs) {
      parsed.add(SimConfigParser.parse(c, "test"));
    }
    sim.start(parsed, port, controlPort)
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return send("POST", url(path), body, headers);
  }

  HttpResponse<String> control(String method, String path, String body) throws Exception {
    return send(method, "http://127.0.0.1:" + controlPort + "/sim/hosts/" + port + path, body);
  }

  HttpResponse<String> send(String method, String url, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    b.header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static String chat(String model, boolean stream, String content, int maxTokens) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"max_tokens\":"
        + maxTokens
        + ",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\""
        + content
        + "\"}]}";
  }

  String state(String model) throws Exception {
    JsonNode status = json(control("GET", "/status", ""));
    return status.path("models").path(model).asText();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static BooleanSupplier quietly(Check c) {
    return () -> {
      try {
        return c.ok();
      } catch (Exception e) {
        return false;
      }
    };
  }

  @Override
  public void close() throws Exception {
    sim.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
