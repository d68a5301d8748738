package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {

  record Ordered(String zeta, int alpha, Map<String, Object> map) {}

  record WithOmitEmpty(
      @JsonProperty("id") String id,
      @JsonProperty("note") @JsonInclude(JsonInclude.Include.NON_EMPTY) String note,
      @JsonProperty("tags") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
      @JsonProperty("plain") String plain) {}

  record Body(String model, boolean stream) {}

  @Test
  void recordComponentsKeepDeclarationOrderAndMapKeysAreSorted() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", Map.of("z", 1, "y", 2));
    map.put("C", true);
    assertThat(GoJson.write(new Ordered("z", 1, map)))
        .isEqualTo(
            "{\"zeta\":\"z\",\"alpha\":1,\"map\":{\"C\":true,\"a\":{\"y\":2,\"z\":1},\"b\":1}}");
  }

  @Test
  void escapesHtmlCharactersAndLineSeparatorsLikeGo() {
    assertThat(GoJson.write("text->text")).isEqualTo("\"text-\\u003etext\"");
    assertThat(GoJson.write("<a & b>")).isEqualTo("\"\\u003ca \\u0026 b\\u003e\"");
    assertThat(GoJson.write("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    assertThat(GoJson.write(Map.of("<k>", "v"))).isEqualTo("{\"\\u003ck\\u003e\":\"v\"}");
  }

  @Test
  void controlCharactersUseShortFormsOrLowercaseHex() {
    assertThat(GoJson.write("\u001b[0m\n\t\r\b\f\u0001\"\\/"))
        .isEqualTo("\"\\u001b[0m\\n\\t\\r\\b\\f\\u0001\\\"\\\\/\"");
    assertThat(GoJson.write("é — ✓")).isEqualTo("\"é — ✓\"");
    assertThat(new String(GoJson.writeBytes("é — ✓ <"), StandardCharsets.UTF_8))
        .isEqualTo("\"é — ✓ \\u003c\"");
  }

  @Test
  void wholeDoublesHaveNoDecimalPoint() {
    assertThat(GoJson.write(List.of(-1.0, 0.0, 40.0, 1058.5436289547652, 1e7, 1e21, 1e-7)))
        .isEqualTo("[-1,0,40,1058.5436289547652,10000000,1e+21,1e-7]");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("d", 2.0);
    map.put("f", 0.5f);
    map.put("n", Double.NaN);
    assertThat(GoJson.write(map)).isEqualTo("{\"d\":2,\"f\":0.5,\"n\":null}");
  }

  @Test
  void instantsAreRfc3339NanoInUtc() {
    assertThat(GoJson.write(Instant.parse("2026-08-22T16:29:58.204117733Z")))
        .isEqualTo("\"2026-08-22T16:29:58.204117733Z\"");
    assertThat(GoJson.write(Instant.parse("2026-08-22T16:30:14Z")))
        .isEqualTo("\"2026-08-22T16:30:14Z\"");
    assertThat(GoJson.write(Instant.parse("2026-08-22T16:30:14.100Z")))
        .isEqualTo("\"2026-08-22T16:30:14.1Z\"");
    assertThat(GoJson.write(Instant.parse("2026-08-22T16:30:14.000001Z")))
        .isEqualTo("\"2026-08-22T16:30:14.000001Z\"");
    assertThat(GoJson.rfc3339Nano(Instant.parse("0999-01-02T03:04:05Z")))
        .isEqualTo("0999-01-02T03:04:05Z");
  }

  @Test
  void byteArraysAreStandardBase64AndNullStaysNull() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x01};
    assertThat(GoJson.write(bytes)).isEqualTo("\"+/8B\"");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("body", null);
    map.put("empty", new byte[0]);
    assertThat(GoJson.write(map)).isEqualTo("{\"body\":null,\"empty\":\"\"}");
  }

  @Test
  void omitEmptyOnlyWhereAnnotated() {
    assertThat(GoJson.write(new WithOmitEmpty("1", "", List.of(), null)))
        .isEqualTo("{\"id\":\"1\",\"plain\":null}");
    assertThat(GoJson.write(new WithOmitEmpty("1", "n", List.of("t"), "p")))
        .isEqualTo("{\"id\":\"1\",\"note\":\"n\",\"tags\":[\"t\"],\"plain\":\"p\"}");
  }

  @Test
  void writeBytesMatchesWrite() {
    Object value = Map.of("k", List.of(1.5, "<x>", Instant.parse("2026-08-22T16:30:14Z")));
    assertThat(new String(GoJson.writeBytes(value), StandardCharsets.UTF_8))
        .isEqualTo(GoJson.write(value));
  }

  @Test
  void readsRequestBodiesLikeGoDecoder() throws Exception {
    Body body =
        GoJson.mapper()
            .readValue("{\"Model\":\"qwen\",\"STREAM\":true,\"messages\":[]}", Body.class);
    assertThat(body).isEqualTo(new Body("qwen", true));
  }

  @Test
  void statsSampleByteForByte() {
    Histogram prompt =
        new Histogram(
            List.of(1),
            1058.5436289547652,
            1058.5436289547652,
            0,
            1058.5436289547652,
            1058.5436289547652,
            1058.5436289547652);
    Histogram gen =
        new Histogram(
            List.of(1),
            44.70788982485684,
            44.70788982485684,
            0,
            44.70788982485684,
            44.70788982485684,
            44.70788982485684);
    assertThat(GoJson.write(new Stats(3, 421, 12, 1024, prompt, gen)) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-stats.200.json"));
    assertThat(GoJson.write(new Stats(0, 0, 0, 0, null, null)) + "\n")
        .isEqualTo(Samples.text("http/api-metrics-stats.empty.200.json"));
  }

  @Test
  void performanceSampleByteForByte() {
    String uuid = "GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94";
    String name = "NVIDIA GeForce RTX 3090";
    GpuSample g1 =
        new GpuSample(
            Instant.parse("2026-08-22T16:29:35.412880113Z"),
            0,
            name,
            uuid,
            46,
            0,
            0,
            1321.0 / 24576 * 100,
            1321,
            24576,
            30,
            32.87);
    GpuSample g2 =
        new GpuSample(
            Instant.parse("2026-08-22T16:29:40.413004521Z"),
            0,
            name,
            uuid,
            46,
            0,
            2,
            5.375162760416666,
            1321,
            24576,
            30,
            33.41);
    SysSample s1 =
        new SysSample(
            Instant.parse("2026-08-22T16:29:35.001204417Z"),
            List.of(3.0, 2 * 100.0 / 101, 0.0, 4 * 100.0 / 99, 2.0, 1.0, 0.0, 6.0),
            64215,
            21877,
            2230,
            8191,
            0,
            0.41,
            0.37,
            0.33,
            List.of(
                new NetIo("enp5s0", 91830115523L, 4471903388L),
                new NetIo("lo", 2231849610L, 2231849610L)));
    SysSample s2 =
        new SysSample(
            Instant.parse("2026-08-22T16:29:40.000988301Z"),
            List.of(2.0, 1.0, 1.0, 3 * 100.0 / 99, 0.0, 1.0, 0.0, 2.0),
            64215,
            21881,
            2226,
            8191,
            0,
            0.38,
            0.36,
            0.33,
            List.of(
                new NetIo("enp5s0", 91830176410L, 4471950021L),
                new NetIo("lo", 2231861002L, 2231861002L)));
    assertThat(GoJson.write(new PerformanceReport(true, List.of(g1, g2), List.of(s1, s2))) + "\n")
        .isEqualTo(Samples.text("http/api-performance.200.json"));
    assertThat(GoJson.write(new PerformanceReport(true, List.of(g2), List.of(s2))) + "\n")
        .isEqualTo(Samples.text("http/api-performance.after.200.json"));
    assertThat(GoJson.write(new PerformanceReport(true, null, null)) + "\n")
        .isEqualTo(Samples.text("http/api-performance.no-samples-yet.200.json"));
    assertThat(PerformanceReport.DISABLED_JSON + "\n")
        .isEqualTo(Samples.text("http/api-performance.disabled.503.json"));
  }

  @Test
  void hardwareSampleByteForByte() {
    Hardware hardware =
        new Hardware(
            1,
            Instant.parse("2026-08-22T16:20:01.377190254Z"),
            new Hardware.CaptureInfo(
                "inference_host",
                "detected",
                new Hardware.Detector("llama-swap", "v250-5-g0bdb37")),
            new Hardware.Architecture("x86_64", "amd64"),
            new Hardware.OperatingSystem("linux", "ubuntu", "24.04", "6.8.0-79-generic"),
            new Hardware.Environment("container", "Docker", null),
            new Hardware.Cpu("AuthenticAMD", "AMD Ryzen 7 5800X 8-Core Processor", 1, 8, 16),
            new Hardware.Memory(67334197248L),
            List.of(
                new Hardware.Accelerator(
                    0,
                    "gpu",
                    "NVIDIA",
                    "NVIDIA GeForce RTX 3090",
                    "Ampere",
                    new Hardware.AcceleratorMemory("dedicated", 25769803776L),
                    new Hardware.Driver("NVIDIA", "575.64.03"),
                    350.0)));
    assertThat(GoJson.write(hardware) + "\n").isEqualTo(Samples.text("http/api-hardware.200.json"));
  }

  record RunningModel(
      String model,
      String state,
      String cmd,
      String proxy,
      int ttl,
      String name,
      String description) {}

  record Running(List<RunningModel> running) {}

  @Test
  void runningSampleByteForByte() {
    Running running =
        new Running(
            List.of(
                new RunningModel(
                    "nomic-embed",
                    "ready",
                    "llama-server --port 5801 -m /models/nomic-embed-text-v1.5.Q8_0.gguf --embeddings",
                    "http://localhost:5801",
                    0,
                    "",
                    ""),
                new RunningModel(
                    "qwen3-30b",
                    "ready",
                    "llama-server --port 5802\n-m /models/Qwen3-30B-A3B-Q4_K_M.gguf\n"
                        + "--ctx-size 32768 --jinja\n",
                    "http://localhost:5802",
                    300,
                    "Qwen3 30B A3B",
                    "general chat, Q4_K_M")));
    assertThat(GoJson.write(running) + "\n").isEqualTo(Samples.text("http/running.200.json"));
  }

  record ApiModel(
      String id,
      String name,
      String description,
      String state,
      boolean unlisted,
      String peerID,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> aliases,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> capabilities,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int context_length) {}

  @Test
  void modelStatusSampleByteForByte() {
    List<ApiModel> models =
        List.of(
            new ApiModel(
                "gemma3-12b",
                "Gemma 3 12B",
                "",
                "stopped",
                false,
                "",
                List.of(),
                Map.of("vision", true),
                0),
            new ApiModel("nomic-embed", "", "", "ready", true, "", null, null, 0),
            new ApiModel(
                "qwen3-30b",
                "Qwen3 30B A3B",
                "general chat, Q4_K_M",
                "ready",
                false,
                "",
                List.of("qwen"),
                Map.of("function_calling", true),
                32768),
            new ApiModel("strix/gpt-oss-120b", "", "", "", false, "strix", null, null, 0));
    assertThat(GoJson.write(models)).isEqualTo(Samples.text("events-data/modelStatus.json"));
  }

  @Test
  void mapBasedSamplesByteForByte() {
    assertThat(
            GoJson.write(
                Map.of(
                    "source",
                    "proxy",
                    "data",
                    "[INFO] <qwen3-30b> Health check passed on http://localhost:5802/health\n")))
        .isEqualTo(Samples.text("events-data/logData.proxy.json"));
    assertThat(
            GoJson.write(
                Map.of(
                    "activity",
                    Map.of("session_id", List.of("X-Session-ID", "X-Litellm-Session-Id")))))
        .isEqualTo(Samples.text("events-data/uiConfig.json"));
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("active", null);
    assertThat(GoJson.write(none)).isEqualTo(Samples.text("events-data/profileChanged.none.json"));
    assertThat(
            GoJson.write(
                    Map.of(
                        "version", "v250-5-g0bdb37",
                        "commit", "0bdb372",
                        "build_date", "2026-08-22T17:05:12Z"))
                + "\n")
        .isEqualTo(Samples.text("http/api-version.200.json"));
  }

  @Test
  void v1ModelsSampleByteForByte() {
    Map<String, Object> gemma = new LinkedHashMap<>();
    gemma.put("id", "gemma3-12b");
    gemma.put("object", "model");
    gemma.put("created", 1787416214L);
    gemma.put("owned_by", "llama-swap");
    gemma.put("name", "Gemma 3 12B");
    gemma.put(
        "architecture",
        Map.of(
            "input_modalities", List.of("text", "image"),
            "output_modalities", List.of("text"),
            "modality", "text+image->text"));
    gemma.put("capabilities", Map.of("vision", true));
    gemma.put("meta", Map.of("llamaswap", Map.of("type", "model")));
    gemma.put("status", Map.of("value", "unloaded"));
    String json = GoJson.write(gemma);
    String sample = Samples.text("http/v1-models.200.json");
    // Go sorts map keys, so the object for gemma appears with keys in sorted order.
    assertThat(sample).contains("\"modality\":\"text+image-\\u003etext\"");
    assertThat(json)
        .isEqualTo(
            "{\"architecture\":{\"input_modalities\":[\"text\",\"image\"],"
                + "\"modality\":\"text+image-\\u003etext\",\"output_modalities\":[\"text\"]},"
                + "\"capabilities\":{\"vision\":true},\"created\":1787416214,"
                + "\"id\":\"gemma3-12b\",\"meta\":{\"llamaswap\":{\"type\":\"model\"}},"
                + "\"name\":\"Gemma 3 12B\",\"object\":\"model\",\"owned_by\":\"llama-swap\","
                + "\"status\":{\"value\":\"unloaded\"}}");
  }

  record InflightEntry(
      String id,
      Instant timestamp,
      String model,
      String req_path,
      String method,
      Map<String, String> req_headers,
      String remote_ip,
      Map<String, String> resp_headers,
      long resp_bytes,
      long elapsed_ms,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata) {}

  record InflightSnapshot(String operation, List<InflightEntry> requests) {}

  @Test
  void inflightSnapshotSampleByteForByte() {
    Map<String, String> headers =
        CaptureCache.redactHeaders(
            Map.of(
                "accept", "text/event-stream",
                "accept-encoding", "gzip, deflate",
                "authorization", "Bearer sk-secret",
                "content-length", "195",
                "content-type", "application/json",
                "user-agent", "OpenAI/Python 1.99.9",
                "X-Session-ID", "sess-4f2a"));
    InflightEntry entry =
        new InflightEntry(
            "7",
            Instant.parse("2026-08-22T16:29:58.204117733Z"),
            "qwen3-30b",
            "/v1/chat/completions",
            "POST",
            headers,
            "10.0.0.31",
            Map.of(),
            0,
            4102,
            Map.of());
    assertThat(GoJson.write(new InflightSnapshot("snapshot", List.of(entry))))
        .isEqualTo(Samples.text("events-data/inflight.snapshot.json"));
  }

  @Test
  void readsBase64BackIntoBytes() throws Exception {
    byte[] raw = "hello".getBytes(StandardCharsets.UTF_8);
    String json = GoJson.write(Map.of("b", raw));
    assertThat(json).isEqualTo("{\"b\":\"" + Base64.getEncoder().encodeToString(raw) + "\"}");
  }
}
