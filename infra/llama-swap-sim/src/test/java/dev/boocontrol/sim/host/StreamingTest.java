package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat completions streamed the way llama.cpp streams them (spec §3.2). */
class StreamingTest {

  private SimFixture sim;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(SimFixture.FAST_HOST);
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
  }

  record Chunk(long atNanos, String data) {}

  private List<Chunk> stream(String body) throws Exception {
    HttpResponse<InputStream> r =
        sim.http.send(
            HttpRequest.newBuilder(URI.create(sim.url("/v1/chat/completions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
    assertThat(r.headers().firstValue("X-Accel-Buffering")).contains("no");
    List<Chunk> chunks = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: ")) {
          chunks.add(new Chunk(System.nanoTime(), line.substring("data: ".length())));
        } else {
          assertThat(line).as("only data lines and blank separators").isEmpty();
        }
      }
    }
    return chunks;
  }

  @Test
  void chunkSequenceWithUsageAndTimingsThenDone() throws Exception {
    sim.post("/v1/chat/completions", chat("a", false, "warm", 1)); // load first
    List<Chunk> chunks = stream(chat("a", true, "What is the capital of France?", 12));

    assertThat(chunks.get(chunks.size() - 1).data()).isEqualTo("[DONE]");
    JsonNode role = SimFixture.JSON.readTree(chunks.get(0).data());
    assertThat(role.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(role.at("/choices/0/delta/content").isNull()).isTrue();
    assertThat(role.path("object").asText()).isEqualTo("chat.completion.chunk");

    List<JsonNode> content = new ArrayList<>();
    for (Chunk c : chunks.subList(1, chunks.size() - 3)) {
      content.add(SimFixture.JSON.readTree(c.data()));
    }
    assertThat(content).hasSize(12);
    assertThat(content)
        .allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());

    JsonNode finish = SimFixture.JSON.readTree(chunks.get(chunks.size() - 3).data());
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(finish.at("/choices/0/delta").size()).isZero();

    JsonNode usage = SimFixture.JSON.readTree(chunks.get(chunks.size() - 2).data());
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(12);
    int prompt = usage.at("/usage/prompt_tokens").asInt();
    assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(prompt + 12);
    JsonNode t = usage.path("timings");
    assertThat(t.fieldNames())
        .toIterable()
        .containsExactly(
            "cache_n",
            "prompt_n",
            "prompt_ms",
            "prompt_per_token_ms",
            "prompt_per_second",
            "predicted_n",
            "predicted_ms",
            "predicted_per_token_ms",
            "predicted_per_second");
    assertThat(t.path("prompt_n").asInt() + t.path("cache_n").asInt()).isEqualTo(prompt);
    assertThat(t.path("predicted_n").asInt()).isEqualTo(12);
    assertThat(t.path("predicted_per_second").asDouble())
        .isCloseTo(1000 / t.path("predicted_ms").asDouble() * 12, within(0.01));
  }

  @Test
  void withoutIncludeUsageTimingsRideOnTheFinishChunk() throws Exception {
    String body =
        "{\"model\":\"a\",\"stream\":true,\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    List<Chunk> chunks = stream(body);
    JsonNode finish = SimFixture.JSON.readTree(chunks.get(chunks.size() - 2).data());
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(finish.has("timings")).isTrue();
    assertThat(finish.has("usage")).isFalse();
  }

  @Test
  void outputIsDeterministicForTheSameSeedAndPrompt() throws Exception {
    String a =
        SimFixture.JSON
            .readTree(sim.post("/v1/chat/completions", chat("a", false, "same prompt", 8)).body())
            .at("/choices/0/message/content")
            .asText();
    String b =
        SimFixture.JSON
            .readTree(sim.post("/v1/chat/completions", chat("a", false, "same prompt", 8)).body())
            .at("/choices/0/message/content")
            .asText();
    String other =
        SimFixture.JSON
            .readTree(
                sim.post("/v1/chat/completions", chat("a", false, "another prompt", 8)).body())
            .at("/choices/0/message/content")
            .asText();
    assertThat(a).isEqualTo(b).isNotEqualTo(other).isNotBlank();
  }

  @Test
  void tokenPaceFollowsTheTimingModel() throws Exception {
    // model "slow": 20 tokens/s, so 20 tokens take about 1 s after the first
    sim.post("/v1/chat/completions", chat("slow", false, "warm", 1));
    long start = System.nanoTime();
    List<Chunk> chunks = stream(chat("slow", true, "pace", 20));
    Chunk firstContent = chunks.get(1);
    Chunk lastContent = chunks.get(20);
    double genMs = (lastContent.atNanos() - firstContent.atNanos()) / 1e6;
    assertThat(genMs).as("19 intervals of 50 ms").isBetween(19 * 50 * 0.7, 19 * 50 * 1.6);
    double ttftMs = (firstContent.atNanos() - start) / 1e6;
    assertThat(ttftMs).as("prompt processing at 20000 tok/s is quick").isLessThan(400);
    JsonNode timings =
        SimFixture.JSON.readTree(chunks.get(chunks.size() - 2).data()).path("timings");
    assertThat(timings.path("predicted_per_second").asDouble()).isCloseTo(20.0, within(0.5));
  }

  @Test
  void nonStreamingAndEmbeddingBodiesHaveLlamaCppShape() throws Exception {
    JsonNode chat = sim.json(sim.post("/v1/chat/completions", chat("a", false, "hi", 5)));
    assertThat(chat.path("object").asText()).isEqualTo("chat.completion");
    assertThat(chat.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(chat.at("/timings/predicted_n").asInt()).isEqualTo(5);

    JsonNode completion =
        sim.json(
            sim.post("/v1/completions", "{\"model\":\"a\",\"prompt\":\"Once\",\"max_tokens\":4}"));
    assertThat(completion.path("object").asText()).isEqualTo("text_completion");
    assertThat(completion.at("/choices/0/text").asText()).isNotBlank();

    JsonNode emb =
        sim.json(sim.post("/v1/embeddings", "{\"model\":\"e\",\"input\":[\"a\",\"b\"]}"));
    assertThat(emb.path("object").asText()).isEqualTo("list");
    assertThat(emb.path("data")).hasSize(2);
    assertThat(emb.has("timings")).isFalse();
    assertThat(emb.at("/usage/prompt_tokens").asInt()).isPositive();
  }
}
