package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static dev.boocontrol.sim.host.SimFixture.quietly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** llama-swap's process state machine, group rules and TTL (spec §12, §13), seen over HTTP. */
class ModelLifecycleTest {

  private SimFixture sim;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(SimFixture.FAST_HOST);
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
  }

  private List<String> runningStates() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode r : sim.json(sim.get("/running")).path("running")) {
      out.add(r.path("model").asText() + "=" + r.path("state").asText());
    }
    return out;
  }

  @Test
  void aRequestLoadsTheModelThroughStartingToReady() throws Exception {
    assertThat(sim.json(sim.get("/running")).path("running")).isEmpty();
    CompletableFuture<HttpResponse<String>> pending =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sim.post("/v1/chat/completions", chat("a", false, "hello", 4));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    SimFixture.await(
        "a is starting",
        Duration.ofSeconds(2),
        quietly(() -> runningStates().contains("a=starting")));
    // an alias reaches the same process
    HttpResponse<String> viaAlias = sim.post("/v1/chat/completions", chat("alpha", false, "hi", 2));
    assertThat(viaAlias.statusCode()).isEqualTo(200);
    assertThat(pending.get().statusCode()).isEqualTo(200);
    assertThat(runningStates()).containsExactly("a=ready");
    JsonNode running = sim.json(sim.get("/running")).path("running").get(0);
    assertThat(running.path("ttl").asInt()).isEqualTo(1);
    assertThat(running.path("proxy").asText()).startsWith("http://localhost:");
    assertThat(sim.json(sim.get("/v1/models")).path("data").findValuesAsText("id"))
        .containsExactly("a", "b", "broken", "slow"); // unlisted e is hidden, sorted by id
  }

  @Test
  void ttlUnloadsAnIdleModel() throws Exception {
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(200);
    assertThat(sim.state("a")).isEqualTo("ready");
    SimFixture.await(
        "TTL of 1 s unloads a",
        Duration.ofSeconds(5),
        quietly(() -> sim.state("a").equals("stopped")));
    assertThat(sim.get("/logs").body()).contains("[INFO] <a> Unloading model, TTL of 1s reached");
  }

  @Test
  void swapGroupEvictsItsOtherMemberButNeverThePersistentGroup() throws Exception {
    assertThat(sim.post("/v1/embeddings", "{\"model\":\"e\",\"input\":\"x\"}").statusCode())
        .isEqualTo(200);
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(200);
    assertThat(runningStates()).containsExactly("a=ready", "e=ready");

    assertThat(sim.post("/v1/chat/completions", chat("b", false, "x", 2)).statusCode())
        .isEqualTo(200);
    assertThat(sim.state("a")).isEqualTo("stopped");
    assertThat(sim.state("b")).isEqualTo("ready");
    assertThat(sim.state("e")).isEqualTo("ready");
  }

  @Test
  void aSwapWaitsForRequestsInFlightOnTheEvictedModel() throws Exception {
    assertThat(sim.post("/v1/chat/completions", chat("slow", false, "x", 1)).statusCode())
        .isEqualTo(200);
    // 30 tokens at 20 tok/s: about 1.5 s in flight on "slow"
    CompletableFuture<HttpResponse<String>> longRequest =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sim.post("/v1/chat/completions", chat("slow", false, "long", 30));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    HttpResponse<String> swap = sim.post("/v1/chat/completions", chat("b", false, "x", 2));
    assertThat(longRequest.get().statusCode())
        .as("the in-flight request was not cut")
        .isEqualTo(200);
    assertThat(
            SimFixture.JSON
                .readTree(longRequest.get().body())
                .at("/usage/completion_tokens")
                .asInt())
        .isEqualTo(30);
    assertThat(swap.statusCode()).isEqualTo(200);
    assertThat(sim.state("slow")).isEqualTo("stopped");
  }

  @Test
  void aCrashGoesStraightFromReadyToStopped() throws Exception {
    assertThat(sim.post("/v1/chat/completions", chat("a", false, "x", 2)).statusCode())
        .isEqualTo(200);
    try (SseReader events = new SseReader(sim.http, sim.url("/api/events"))) {
      events.next(Duration.ofSeconds(2), List.of("inflight")); // end of the initial burst
      HttpResponse<String> crash = sim.control("POST", "/models/a/crash", "");
      assertThat(sim.json(crash).path("crashed").asBoolean()).isTrue();
      SseReader.Event status = events.next(Duration.ofSeconds(2), List.of("modelStatus"));
      assertThat(stateIn(status.data(), "a")).isEqualTo("stopped");
    }
    assertThat(sim.get("/logs").body()).contains("<a> upstream process exited unexpectedly");
  }

  @Test
  void aFailedLoadAnswers500AndRecordsTheFailure() throws Exception {
    HttpResponse<String> r = sim.post("/v1/chat/completions", chat("broken", false, "x", 2));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(sim.json(r).at("/error/message").asText())
        .isEqualTo("unspecific error: upstream command exited prematurely");
    assertThat(sim.json(r).path("src").asText()).isEqualTo("llama-swap");
    assertThat(sim.state("broken")).isEqualTo("stopped");
    JsonNode row = sim.json(sim.get("/api/metrics/activity")).path("data").get(0);
    assertThat(row.path("resp_status_code").asInt()).isEqualTo(500);
    assertThat(row.path("error_msg").asText()).contains("upstream command exited prematurely");
    assertThat(row.at("/tokens/input_tokens").asInt()).isZero();
  }

  @Test
  void unloadEndpointsStopModels() throws Exception {
    sim.post("/v1/chat/completions", chat("a", false, "x", 2));
    HttpResponse<String> one = sim.post("/api/models/unload/alpha", "");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).isEqualTo("OK");
    assertThat(sim.state("a")).isEqualTo("stopped");
    assertThat(sim.post("/api/models/unload/nope", "").statusCode()).isEqualTo(404);

    sim.post("/v1/chat/completions", chat("b", false, "x", 2));
    HttpResponse<String> all = sim.post("/api/models/unload", "");
    assertThat(all.body()).isEqualTo("{\"msg\":\"ok\"}\n");
    assertThat(runningStates()).isEmpty();
    assertThat(sim.get("/unload").body()).isEqualTo("OK");
  }

  @Test
  void concurrencyLimitAnswers429BeforeStreaming() throws Exception {
    sim.post("/v1/chat/completions", chat("slow", false, "x", 1));
    CompletableFuture<HttpResponse<String>> busy =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sim.post("/v1/chat/completions", chat("slow", false, "busy", 10));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(150);
    HttpResponse<String> rejected = sim.post("/v1/chat/completions", chat("slow", true, "more", 2));
    assertThat(rejected.statusCode()).isEqualTo(429);
    assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
    assertThat(sim.json(rejected).at("/error/code").asText()).isEqualTo("concurrency_limit");
    assertThat(busy.get().statusCode()).isEqualTo(200);
  }

  static String stateIn(JsonNode modelStatus, String id) {
    for (JsonNode m : modelStatus) {
      if (m.path("id").asText().equals(id)) {
        return m.path("state").asText();
      }
    }
    return null;
  }
}
