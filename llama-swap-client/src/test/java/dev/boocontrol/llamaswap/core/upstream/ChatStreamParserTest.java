package dev.boocontrol.llamaswap.core.upstream;

import static dev.boocontrol.llamaswap.core.SampleParser.ACTIVITY_ROW;
import static dev.boocontrol.llamaswap.core.SampleParser.CHAT_COMPLETION;
import static dev.boocontrol.llamaswap.core.SampleParser.CHAT_REQUEST;
import static dev.boocontrol.llamaswap.core.SampleParser.CHAT_STREAM;
import static dev.boocontrol.llamaswap.core.SampleParser.EMBEDDINGS;
import static dev.boocontrol.llamaswap.core.SampleParser.TEXT_COMPLETION;
import static dev.boocontrol.llamaswap.core.SampleParser.TIMINGS;
import static dev.boocontrol.llamaswap.core.SampleParser.UPSTREAM_PROPS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.Samples;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.ActivityTokens;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChatStreamParserTest {

  private static final String STREAM = "upstream/v1-chat-completions.stream.llamacpp.sse.txt";

  @Test
  void streamWithIncludeUsage() {
    ChatStreamSummary summary = CHAT_STREAM.parse(STREAM, ChatStreamSummary.class);
    assertThat(summary.id()).isEqualTo("chatcmpl-Jq3mV8tXwB2nR6yLd0kPzA9sHcU4eF7g");
    assertThat(summary.model()).isEqualTo("qwen3-30b");
    assertThat(summary.content()).isEqualTo("The capital of France is Paris. It is known for art.");
    assertThat(summary.finishReason()).isEqualTo("stop");
    assertThat(summary.done()).isTrue();
    assertThat(summary.completionChunks()).isEqualTo(15);
    assertThat(summary.preludeChunks()).isZero();
    Usage usage = summary.usageValue().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(1436);
    assertThat(usage.completionTokens()).isEqualTo(12);
    assertThat(usage.totalTokens()).isEqualTo(1448);
    assertThat(usage.cachedTokens()).isEqualTo(1024);
    Timings timings = summary.timingsValue().orElseThrow();
    assertThat(timings.cacheN()).isEqualTo(1024);
    assertThat(timings.promptN()).isEqualTo(412);
    assertThat(timings.promptMs()).isEqualTo(389.214);
    assertThat(timings.promptPerTokenMs()).isEqualTo(0.9446941747572816);
    assertThat(timings.predictedN()).isEqualTo(12);
    assertThat(timings.predictedMs()).isEqualTo(268.409);
    assertThat(timings.predictedPerTokenMs()).isEqualTo(22.367416666666667);
    assertThat(timings.predictedPerSecond()).isEqualTo(44.70788982485684);
    assertThat(timings.draftN()).isNull();
    assertThat(timings.hasDraft()).isFalse();
    assertThat(timings.inferenceMs())
        .isEqualTo(657.623, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void agreesWithTheExpectedActivityRow() {
    ActivityRow expected =
        ACTIVITY_ROW.parse("expected/activity-row-from-llamacpp-stream.json", ActivityRow.class);
    ActivityTokens derived = CHAT_STREAM.parse(STREAM, ChatStreamSummary.class).toActivityTokens();
    assertThat(derived).isEqualTo(expected.tokens());
  }

  @Test
  void streamWithoutIncludeUsageHasTimingsOnTheFinishChunk() {
    ChatStreamSummary summary =
        CHAT_STREAM.parse(
            "upstream/v1-chat-completions.stream.llamacpp-no-include-usage.sse.txt",
            ChatStreamSummary.class);
    assertThat(summary.usage()).isNull();
    assertThat(summary.timings().promptN()).isEqualTo(412);
    assertThat(summary.finishReason()).isEqualTo("stop");
    assertThat(summary.completionChunks()).isEqualTo(14);
    assertThat(summary.toActivityTokens().inputTokens()).isEqualTo(412);
    assertThat(summary.toActivityTokens().cacheTokens()).isEqualTo(1024);
  }

  @Test
  void loadingStatePreludeIsToldApartFromModelOutput() {
    ChatStreamSummary summary =
        CHAT_STREAM.parse(
            "upstream/v1-chat-completions.stream.with-loading-state.sse.txt",
            ChatStreamSummary.class);
    assertThat(summary.preludeChunks()).isEqualTo(31);
    assertThat(summary.loadingPrelude())
        .contains("llama-swap loading model: qwen3-30b")
        .contains("Done! (5.27s)")
        .startsWith("━━━━━");
    assertThat(summary.reasoning()).isEmpty();
    assertThat(summary.content()).isEqualTo("The capital of France is Paris. It is known for art.");
    assertThat(summary.completionChunks()).isEqualTo(15);
    assertThat(summary.timings().promptN()).isEqualTo(412);
  }

  @Test
  void classifiesSingleChunks() {
    ChatStreamChunk prelude =
        ChatStreamParser.parseChunk(
            "{\"choices\":[{\"delta\":{\"reasoning_content\":\"llama\"}}]}");
    assertThat(prelude.kind()).isEqualTo(ChatStreamChunk.Kind.LOADING_PRELUDE);
    assertThat(prelude.reasoningDelta()).isEqualTo("llama");

    ChatStreamChunk reasoning =
        ChatStreamParser.parseChunk(
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"}}],\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\"}");
    assertThat(reasoning.kind()).isEqualTo(ChatStreamChunk.Kind.COMPLETION);
    assertThat(reasoning.reasoningDelta()).isEqualTo("think");

    assertThat(ChatStreamParser.parseChunk("[DONE]").kind()).isEqualTo(ChatStreamChunk.Kind.DONE);
    assertThat(ChatStreamParser.parseChunk("not json").kind())
        .isEqualTo(ChatStreamChunk.Kind.MALFORMED);
    ChatStreamChunk error =
        ChatStreamParser.parseChunk(
            "{\"src\":\"llama-swap\",\"error\":{\"message\":\"unspecific error: upstream command exited prematurely\"}}");
    assertThat(error.kind()).isEqualTo(ChatStreamChunk.Kind.ERROR);
    assertThat(error.error()).isEqualTo("unspecific error: upstream command exited prematurely");
  }

  @Test
  void nanTimingsAndForkFieldsAreTolerated() {
    ChatStreamChunk chunk =
        ChatStreamParser.parseChunk(
            "{\"choices\":[],\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                + "\"timings\":{\"n_ctx\":4096,\"n_past\":30,\"prompt_n\":0,\"prompt_ms\":0,"
                + "\"prompt_per_token_ms\":null,\"prompt_per_second\":NaN,\"predicted_n\":3}}");
    Timings timings = chunk.timings();
    assertThat(timings.promptPerTokenMs()).isNull();
    assertThat(timings.promptPerSecond()).isNull();
    assertThat(timings.nCtx()).isEqualTo(4096);
    assertThat(timings.cacheN()).isNull();
    ChatStreamParser parser = new ChatStreamParser();
    parser.accept(chunk);
    ActivityTokens tokens = parser.summary().toActivityTokens();
    assertThat(tokens.cacheTokens()).isEqualTo(-1);
    assertThat(tokens.promptPerSecond()).isEqualTo(-1);
    assertThat(tokens.outputTokens()).isEqualTo(3);
  }

  @Test
  void noUsageAtAllMeansZeros() {
    assertThat(ChatStreamParser.parseAll("data: [DONE]\n\n").toActivityTokens().noUsage()).isTrue();
  }

  @Test
  void incrementalFeedingInRandomChunksMatchesWholeParse() {
    byte[] bytes = Samples.bytes("upstream/v1-chat-completions.stream.with-loading-state.sse.txt");
    ChatStreamSummary whole =
        ChatStreamParser.parseAll(
            Samples.text("upstream/v1-chat-completions.stream.with-loading-state.sse.txt"));
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      ChatStreamParser parser = new ChatStreamParser();
      int at = 0;
      while (at < bytes.length) {
        int size = Math.min(bytes.length - at, 1 + random.nextInt(50));
        parser.feed(bytes, at, size);
        at += size;
      }
      parser.finish();
      assertThat(parser.summary()).isEqualTo(whole);
    }
  }

  @Test
  void timingsSamples() {
    Timings plain = TIMINGS.parse("upstream/llamacpp-timings.json", Timings.class);
    assertThat(plain.promptPerSecond()).isEqualTo(1058.5436289547652);
    assertThat(plain.hasDraft()).isFalse();
    Timings speculative =
        TIMINGS.parse("upstream/llamacpp-timings.speculative.json", Timings.class);
    assertThat(speculative.draftN()).isEqualTo(96);
    assertThat(speculative.draftNAccepted()).isEqualTo(71);
    assertThat(speculative.hasDraft()).isTrue();
  }

  @Test
  void nonStreamBodies() {
    ChatCompletion chat =
        CHAT_COMPLETION.parse(
            "upstream/v1-chat-completions.nonstream.llamacpp.200.json", ChatCompletion.class);
    assertThat(chat.object()).isEqualTo("chat.completion");
    assertThat(chat.firstContent())
        .isEqualTo("The capital of France is Paris. It is known for art.");
    assertThat(chat.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(chat.usage().cachedTokens()).isEqualTo(1024);
    assertThat(chat.timings().promptN()).isEqualTo(412);
    assertThat(chat.systemFingerprint()).isEqualTo("b7160-3f2c1a9d");

    TextCompletion text =
        TEXT_COMPLETION.parse(
            "upstream/v1-completions.nonstream.llamacpp.200.json", TextCompletion.class);
    assertThat(text.object()).isEqualTo("text_completion");
    assertThat(text.choices().get(0).text()).isEqualTo(" Paris.");
    assertThat(text.usage().promptTokens()).isEqualTo(9);
    assertThat(text.timings().predictedPerSecond()).isEqualTo(44.90883506481841);

    Embeddings embeddings =
        EMBEDDINGS.parse("upstream/v1-embeddings.llamacpp.200.json", Embeddings.class);
    assertThat(embeddings.model()).isEqualTo("nomic-embed");
    assertThat(embeddings.usage().totalTokens()).isEqualTo(9);
    assertThat(embeddings.usage().completionTokens()).isNull();
    assertThat(embeddings.data().get(0).embedding()).hasSize(8).startsWith(0.0412, -0.0178);

    JsonNode request =
        CHAT_REQUEST.parse("upstream/v1-chat-completions.request.json", JsonNode.class);
    assertThat(request.path("model").asText()).isEqualTo("qwen3-30b");
    assertThat(request.path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void upstreamPropsContextSize() {
    UpstreamProps props =
        UPSTREAM_PROPS.parse("upstream/props.llamacpp.200.json", UpstreamProps.class);
    assertThat(props.nCtx()).isEqualTo(OptionalInt.of(32768));
    assertThat(props.totalSlots()).isEqualTo(OptionalInt.of(1));
    assertThat(props.modelPath()).contains("/models/Qwen3-30B-A3B-Q4_K_M.gguf");
    assertThat(props.buildInfo()).contains("b7160-3f2c1a9d");
    assertThat(new UpstreamProps(LlamaSwapJson.tree("{\"n_ctx\":8192}")).nCtx())
        .isEqualTo(OptionalInt.of(8192));
    assertThat(new UpstreamProps(LlamaSwapJson.tree("{}")).nCtx()).isEmpty();
  }
}
