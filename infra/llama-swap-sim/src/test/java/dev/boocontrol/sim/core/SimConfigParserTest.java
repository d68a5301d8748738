package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimConfigParserTest {

  private static SimConfig parse(String yaml) {
    return SimConfigParser.parse(yaml, "test.yaml", name -> null);
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (SimConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems for:\n" + yaml);
  }

  @Test
  void parsesTheSampleConfig() {
    SimConfig c = SimConfigParser.parse(Samples.text("config.sample.yaml"), "config.sample.yaml");
    assertThat(c.source()).isEqualTo("config.sample.yaml");
    assertThat(c.healthCheckTimeout()).isEqualTo(300);
    assertThat(c.logLevel()).isEqualTo("info");
    assertThat(c.metricsMaxInMemory()).isEqualTo(1000);
    assertThat(c.captureBuffer()).isEqualTo(5);
    assertThat(c.captureBufferBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(c.globalTtl()).isZero();
    assertThat(c.sendLoadingState()).isFalse();
    assertThat(c.uiSessionIdHeaders()).containsExactly("X-Session-ID", "X-Litellm-Session-Id");
    assertThat(c.performanceEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.modelIds()).containsExactly("gemma3-12b", "nomic-embed", "qwen3-30b");

    // ${PORT} in sorted model-id order: gemma3-12b=5800, nomic-embed=5801, qwen3-30b=5802
    ModelConfig qwen = c.model("qwen3-30b").orElseThrow();
    assertThat(qwen.port()).isEqualTo(5802);
    assertThat(qwen.cmd())
        .isEqualTo(
            "llama-server --port 5802\n-m /models/Qwen3-30B-A3B-Q4_K_M.gguf\n"
                + "--ctx-size 32768 --jinja\n");
    assertThat(qwen.proxy()).isEqualTo("http://localhost:5802");
    assertThat(qwen.ttl()).isEqualTo(300);
    assertThat(qwen.name()).isEqualTo("Qwen3 30B A3B");
    assertThat(qwen.description()).isEqualTo("general chat, Q4_K_M");
    assertThat(qwen.aliases()).containsExactly("qwen");
    assertThat(qwen.capabilities())
        .isEqualTo(new Capabilities(List.of("text"), List.of("text"), true, false, 32768));
    assertThat(qwen.contextLength()).isEqualTo(32768);
    assertThat(qwen.concurrencyLimit()).isEqualTo(10);
    assertThat(qwen.checkEndpoint()).isEqualTo("/health");
    assertThat(qwen.unloadTimeout()).isEqualTo(10);
    assertThat(qwen.sim()).isEqualTo(ModelSim.defaults());

    ModelConfig nomic = c.model("nomic-embed").orElseThrow();
    assertThat(nomic.cmd())
        .isEqualTo(
            "llama-server --port 5801 -m /models/nomic-embed-text-v1.5.Q8_0.gguf --embeddings");
    assertThat(nomic.unlisted()).isTrue();
    assertThat(nomic.ttl()).isZero();
    assertThat(c.model("gemma3-12b").orElseThrow().port()).isEqualTo(5800);
    assertThat(c.model("gemma3-12b").orElseThrow().capabilities().vision()).isTrue();

    assertThat(c.groups())
        .containsExactly(
            new GroupConfig("chat", true, false, false, List.of("qwen3-30b", "gemma3-12b")),
            new GroupConfig("embed", false, false, true, List.of("nomic-embed")));
    assertThat(c.resolveModel("qwen")).contains("qwen3-30b");
    assertThat(c.resolveModel("qwen3-30b")).contains("qwen3-30b");
    assertThat(c.resolveModel("strix/gpt-oss-120b")).isEmpty();
    assertThat(c.resolveModel(null)).isEmpty();
  }

  @Test
  void appliesEveryDefault() {
    SimConfig c = parse("models:\n  m1: {}\n");
    assertThat(c.healthCheckTimeout()).isEqualTo(120);
    assertThat(c.logLevel()).isEqualTo("info");
    assertThat(c.metricsMaxInMemory()).isEqualTo(1000);
    assertThat(c.captureBuffer()).isEqualTo(5);
    assertThat(c.globalTtl()).isZero();
    assertThat(c.unloadTimeout()).isEqualTo(10);
    assertThat(c.sendLoadingState()).isFalse();
    assertThat(c.apiKeys()).isEmpty();
    assertThat(c.authRequired()).isFalse();
    assertThat(c.uiSessionIdHeaders()).containsExactly("X-Session-ID", "X-Litellm-Session-Id");
    assertThat(c.performanceEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.performanceDisabled()).isFalse();
    assertThat(c.startPort()).isEqualTo(5800);

    ModelConfig m = c.model("m1").orElseThrow();
    assertThat(m.cmd()).isEqualTo("llama-server --port 5800 -m /models/m1.gguf");
    assertThat(m.proxy()).isEqualTo("http://localhost:5800");
    assertThat(m.port()).isEqualTo(5800);
    assertThat(m.name()).isEmpty();
    assertThat(m.description()).isEmpty();
    assertThat(m.aliases()).isEmpty();
    assertThat(m.ttl()).isZero();
    assertThat(m.unlisted()).isFalse();
    assertThat(m.concurrencyLimit()).isEqualTo(10);
    assertThat(m.checkEndpoint()).isEqualTo("/health");
    assertThat(m.skipsHealthCheck()).isFalse();
    assertThat(m.unloadTimeout()).isEqualTo(10);
    assertThat(m.sendLoadingState()).isFalse();
    assertThat(m.metadata()).isEmpty();
    assertThat(m.capabilities().isEmpty()).isTrue();
    assertThat(m.sim()).isEqualTo(new ModelSim(2.0, 0.2, 4096, 0, 40, 800, false));

    assertThat(c.groups())
        .containsExactly(new GroupConfig("(default)", true, true, false, List.of("m1")));
    SimSettings sim = c.sim();
    assertThat(sim.hostName()).isEqualTo("llama-swap-sim");
    assertThat(sim.version()).isEqualTo("v250");
    assertThat(sim.seed()).isEqualTo(42);
    assertThat(c.seed()).isEqualTo(42);
    assertThat(sim.fastClock()).isFalse();
    assertThat(c.system()).isEqualTo(new SystemConfig(8, 64215));
    assertThat(c.gpus()).hasSize(1);
    GpuConfig gpu = c.gpus().get(0);
    assertThat(gpu.index()).isZero();
    assertThat(gpu.name()).isEqualTo("NVIDIA GeForce RTX 3090");
    assertThat(gpu.vramMb()).isEqualTo(24576);
    assertThat(gpu.powerLimitW()).isEqualTo(350);
    assertThat(gpu.idleW()).isEqualTo(30);
    assertThat(gpu.uuid())
        .matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void defaultGpuUuidIsDeterministicPerHostAndIndex() {
    String a = parse("sim: {hostName: alpha}\nmodels: {m: {}}\n").gpus().get(0).uuid();
    String again = parse("sim: {hostName: alpha}\nmodels: {m: {}}\n").gpus().get(0).uuid();
    String b = parse("sim: {hostName: beta}\nmodels: {m: {}}\n").gpus().get(0).uuid();
    assertThat(a).isEqualTo(again).isNotEqualTo(b);
  }

  @Test
  void parsesTheSimSection() {
    SimConfig c =
        parse(
            """
            sim:
              hostName: gpu-box-2
              version: v249
              seed: 7
              fastClock: true
              system: {cores: 16, memTotalMb: 128000}
              gpus:
                - {name: NVIDIA GeForce RTX 4090, vramMb: 24564, powerLimitW: 450, idleW: 20}
                - {name: NVIDIA RTX A6000, vramMb: 49140, uuid: GPU-fixed}
            performance:
              every: 500ms
            models:
              big:
                sim: {loadSeconds: 11.5, unloadSeconds: 1, vramMb: 40000, gpu: 1,
                      genTps: 25.5, promptTps: 1500, failLoad: true}
            """);
    assertThat(c.sim().hostName()).isEqualTo("gpu-box-2");
    assertThat(c.sim().version()).isEqualTo("v249");
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.sim().fastClock()).isTrue();
    assertThat(c.performanceEvery()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.system()).isEqualTo(new SystemConfig(16, 128000));
    assertThat(c.gpus().get(0))
        .isEqualTo(
            new GpuConfig(
                0,
                "NVIDIA GeForce RTX 4090",
                24564,
                450,
                20,
                SimConfigParser.defaultUuid("gpu-box-2", 0)));
    assertThat(c.gpus().get(1))
        .isEqualTo(new GpuConfig(1, "NVIDIA RTX A6000", 49140, 350, 30, "GPU-fixed"));
    assertThat(c.gpu(1)).contains(c.gpus().get(1));
    assertThat(c.gpu(2)).isEmpty();
    assertThat(c.model("big").orElseThrow().sim())
        .isEqualTo(new ModelSim(11.5, 1, 40000, 1, 25.5, 1500, true));
  }

  @Test
  void portsGoOnlyToModelsWhoseCmdUsesThem() {
    SimConfig c =
        parse(
            """
            startPort: 9000
            models:
              c-model: {cmd: "server --port ${PORT}"}
              a-model: {cmd: "docker run vllm", proxy: "http://10.0.0.5:8000"}
              b-model: {cmd: "server -p ${PORT} --id ${MODEL_ID}"}
            """);
    assertThat(c.model("a-model").orElseThrow().port()).isZero();
    assertThat(c.model("a-model").orElseThrow().proxy()).isEqualTo("http://10.0.0.5:8000");
    assertThat(c.model("b-model").orElseThrow().cmd()).isEqualTo("server -p 9000 --id b-model");
    assertThat(c.model("b-model").orElseThrow().proxy()).isEqualTo("http://localhost:9000");
    assertThat(c.model("c-model").orElseThrow().port()).isEqualTo(9001);
  }

  @Test
  void expandsGlobalAndModelMacrosLastDefinedFirst() {
    SimConfig c =
        parse(
            """
            macros:
              models: /srv/models
              server: "llama-server --models ${models}"
              ctx: 8192
            models:
              m:
                macros:
                  ctx: 16384
                  temp: 0.5
                cmd: "${server} --port ${PORT} -c ${ctx} --temp ${temp} -m ${models}/${MODEL_ID}.gguf"
                name: "M (${ctx})"
                metadata:
                  ctx: "${ctx}"
                  label: "ctx=${ctx}"
                  port: "${PORT}"
                  nested: {list: ["${MODEL_ID}", 3]}
                capabilities:
                  context: "${ctx}"
            """);
    ModelConfig m = c.model("m").orElseThrow();
    assertThat(m.cmd())
        .isEqualTo(
            "llama-server --models /srv/models --port 5800 -c 16384 --temp 0.5 -m /srv/models/m.gguf");
    assertThat(m.name()).isEqualTo("M (16384)");
    assertThat(m.metadata())
        .containsEntry("ctx", 16384)
        .containsEntry("label", "ctx=16384")
        .containsEntry("port", 5800)
        .containsEntry("nested", Map.of("list", List.of("m", 3)));
    assertThat(m.contextLength()).isEqualTo(16384);
  }

  @Test
  void envMacrosAreSubstitutedFirst() {
    SimConfig c =
        SimConfigParser.parse(
            "# ${env.UNSET} in a comment is fine\napiKeys: [\"${env.KEY}\"]\nmodels: {m: {}}\n",
            "t",
            name -> name.equals("KEY") ? "sk-123" : null);
    assertThat(c.apiKeys()).containsExactly("sk-123");
    assertThat(c.authRequired()).isTrue();
    assertThat(problemsWithEnv("apiKeys: [\"${env.MISSING}\"]\nmodels: {m: {}}\n"))
        .contains("${env.MISSING}: environment variable is not set");
  }

  private static List<String> problemsWithEnv(String yaml) {
    try {
      SimConfigParser.parse(yaml, "t", name -> null);
    } catch (SimConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void effectiveValuesComeFromGlobalsUnlessOverridden() {
    SimConfig c =
        parse(
            """
            globalTTL: 600
            unloadTimeout: 0
            sendLoadingState: true
            models:
              inherit: {}
              never: {ttl: 0, sendLoadingState: false, unloadTimeout: 3}
              own: {ttl: 30, concurrencyLimit: 2}
              comfyui_auto: {cmd: "comfy --port ${PORT}"}
            """);
    assertThat(c.unloadTimeout()).isEqualTo(10);
    ModelConfig inherit = c.model("inherit").orElseThrow();
    assertThat(inherit.ttl()).isEqualTo(600);
    assertThat(inherit.sendLoadingState()).isTrue();
    assertThat(inherit.unloadTimeout()).isEqualTo(10);
    ModelConfig never = c.model("never").orElseThrow();
    assertThat(never.ttl()).isZero();
    assertThat(never.sendLoadingState()).isFalse();
    assertThat(never.unloadTimeout()).isEqualTo(3);
    assertThat(c.model("own").orElseThrow().ttl()).isEqualTo(30);
    assertThat(c.model("own").orElseThrow().concurrencyLimit()).isEqualTo(2);
    assertThat(c.model("comfyui_auto").orElseThrow().concurrencyLimit()).isEqualTo(50);
  }

  @Test
  void clampsHealthCheckTimeoutAndNormalisesLogLevel() {
    SimConfig c = parse("healthCheckTimeout: 5\nlogLevel: WARN\nmodels: {m: {}}\n");
    assertThat(c.healthCheckTimeout()).isEqualTo(15);
    assertThat(c.logLevel()).isEqualTo("warn");
    assertThat(parse("logLevel: chatty\nmodels: {m: {}}\n").logLevel()).isEqualTo("info");
  }

  @Test
  void sessionIdHeadersCanBeReplaced() {
    SimConfig c = parse("ui: {activity: {session_id: [\" X-Conv \", \"\"]}}\nmodels: {m: {}}\n");
    assertThat(c.uiSessionIdHeaders()).containsExactly("X-Conv");
  }

  @Test
  void legacyTopLevelGroupsWork() {
    SimConfig c =
        parse(
            """
            models: {a: {}, b: {}, c: {}}
            groups:
              pair:
                swap: false
                members: [b, a]
            """);
    assertThat(c.groups())
        .containsExactly(
            new GroupConfig("(default)", true, true, false, List.of("c")),
            new GroupConfig("pair", false, true, false, List.of("b", "a")));
    assertThat(c.groupOf("a")).get().extracting(GroupConfig::name).isEqualTo("pair");
    assertThat(c.groupOf("c")).get().extracting(GroupConfig::isDefault).isEqualTo(true);
  }

  @Test
  void reportsEveryProblemWithItsField() {
    List<String> problems =
        problems(
            """
            healthCheckTimeout: soon
            captureBuffer: -1
            globalTTL: -5
            startPort: 0
            sendLoadingState: maybe
            apiKeys: ["", "has space", ok]
            performance: {every: 1s}
            models:
              qwen3-30b:
                ttl: -2
                concurrencyLimit: 1.5
                aliases: [q]
                capabilities: {in: [text, smell], context: -1}
                sim: {gpu: 3, genTps: 0, vramMb: lots}
              other:
                aliases: [q, qwen3-30b]
                proxy: "http://localhost:${PORT}"
                cmd: "run ${nope}"
            """);
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "healthCheckTimeout: must be an integer",
            "captureBuffer: must be an integer >= 0",
            "globalTTL: must be an integer >= 0",
            "startPort: must be an integer >= 1",
            "sendLoadingState: must be true or false",
            "apiKeys[0]: must not be empty",
            "apiKeys[1]: must not contain spaces",
            "performance.every: must be at least 5s, got 1s (shorter only with sim.fastClock: true)",
            "models.qwen3-30b.ttl: must be an integer >= -1",
            "models.qwen3-30b.concurrencyLimit: must be an integer >= 0",
            "models.qwen3-30b.capabilities.in: unknown modality 'smell' (text, audio or image)",
            "models.qwen3-30b.capabilities.context: must be an integer >= 0",
            "models.qwen3-30b.sim.gpu: no GPU with index 3 in sim.gpus",
            "models.qwen3-30b.sim.vramMb: must be an integer >= 0",
            "models.qwen3-30b.sim.genTps: must be a number > 0",
            "models.other.proxy: uses ${PORT} but cmd does not",
            "models.other.cmd: unknown macro '${nope}'",
            // models are read in id order, so the second owner of 'q' is qwen3-30b
            "models.qwen3-30b.aliases: duplicate alias 'q' (also in other)",
            "models.other.aliases: 'qwen3-30b' is also a model id");
  }

  @Test
  void exceptionMessageNamesTheSource() {
    assertThatThrownBy(() -> parse("models:\n  m: {ttl: x}\n"))
        .isInstanceOf(SimConfigException.class)
        .hasMessage("test.yaml: models.m.ttl: must be an integer >= -1");
  }

  @Test
  void modelsAreRequired() {
    assertThat(problems("")).containsExactly("models: required");
    assertThat(problems("logLevel: info\n")).containsExactly("models: required");
    assertThat(problems("models: {}\n")).containsExactly("models: at least one model is required");
    assertThat(problems("models: [a, b]\n"))
        .containsExactly("models: must be a map of model id to model");
  }

  @Test
  void rejectsBrokenYamlAndDuplicateKeys() {
    assertThat(problems("models: {a: [}\n")).singleElement().asString().startsWith("(yaml): ");
    assertThat(problems("models:\n  a: {}\n  a: {}\n"))
        .singleElement()
        .asString()
        .startsWith("(yaml): Duplicate field 'a'");
    assertThat(problems("- just\n- a list\n")).containsExactly("(root): must be a map");
  }

  @Test
  void groupProblems() {
    assertThat(
            problems(
                """
                models: {a: {}, b: {}}
                groups:
                  one: {members: [a, ghost]}
                  two: {members: [a, b, b]}
                """))
        .containsExactlyInAnyOrder(
            "groups.one.members: 'ghost' is not a model id",
            "groups.two.members: 'a' is already in group 'one'",
            "groups.two.members: 'b' is listed twice");
    assertThat(
            problems(
                """
                models: {a: {}}
                groups: {one: {members: [a]}}
                routing: {router: {settings: {groups: {two: {members: [a]}}}}}
                """))
        .containsExactly(
            "routing: cannot be combined with the legacy top-level 'groups'/'matrix' keys");
    assertThat(problems("models: {a: {}}\nrouting: {router: {use: matrix}}\n"))
        .containsExactly("routing.router.use: the swap matrix is not simulated; use group");
    assertThat(problems("models: {a: {}}\nmatrix: {vars: {}}\n"))
        .containsExactly("matrix: the swap matrix is not simulated; use groups");
  }

  @Test
  void fastClockAllowsShortPerformanceIntervals() {
    SimConfig c = parse("sim: {fastClock: true}\nperformance: {every: 100ms}\nmodels: {m: {}}\n");
    assertThat(c.performanceEvery()).isEqualTo(Duration.ofMillis(100));
    assertThat(parse("performance: {every: 0s}\nmodels: {m: {}}\n").performanceEvery())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(parse("performance: {every: 1m, disabled: true}\nmodels: {m: {}}\n"))
        .satisfies(
            x -> {
              assertThat(x.performanceEvery()).isEqualTo(Duration.ofMinutes(1));
              assertThat(x.performanceDisabled()).isTrue();
            });
    assertThat(problems("performance: {every: soon}\nmodels: {m: {}}\n"))
        .containsExactly("performance.every: must be a duration like \"5s\"");
  }

  @Test
  void ignoresKeysItDoesNotSimulate() {
    SimConfig c =
        parse(
            """
            logToStdout: both
            includeAliasesInList: true
            peers: {strix: {proxy: "http://x", models: [m]}}
            hooks: {on_startup: {preload: [m]}}
            models:
              m:
                env: ["A=B"]
                filters: {stripParams: temperature}
                timeouts: {connect: 5}
            """);
    assertThat(c.modelIds()).containsExactly("m");
  }

  @Test
  void checkEndpointNoneSkipsTheHealthCheck() {
    assertThat(
            parse("models: {m: {checkEndpoint: none}}\n")
                .model("m")
                .orElseThrow()
                .skipsHealthCheck())
        .isTrue();
  }

  @Test
  void capabilityRenderingFollowsLlamaSwap() {
    Capabilities vision =
        new Capabilities(List.of("text", "image"), List.of("text"), false, false, 0);
    assertThat(vision.tags()).containsExactly(Map.entry("vision", true));
    assertThat(GoJson.write(vision.architecture().orElseThrow()))
        .isEqualTo(
            "{\"input_modalities\":[\"text\",\"image\"],\"modality\":\"text+image-\\u003etext\","
                + "\"output_modalities\":[\"text\"]}");
    Capabilities all =
        new Capabilities(
            List.of("text", "audio", "image"), List.of("text", "audio", "image"), true, true, 0);
    assertThat(all.tags().keySet())
        .containsExactly(
            "audio_speech",
            "audio_transcriptions",
            "function_calling",
            "image_generation",
            "image_to_image",
            "reranker",
            "vision");
    assertThat(all.supportedParameters()).containsExactly("tools", "tool_choice");
    Capabilities outOnly = new Capabilities(List.of(), List.of("audio"), false, false, 0);
    assertThat(outOnly.tags()).isEmpty();
    assertThat(outOnly.architecture()).contains(Map.of("output_modalities", List.of("audio")));
    assertThat(Capabilities.none().architecture()).isEmpty();
    assertThat(Capabilities.none().supportedParameters()).isEmpty();
  }
}
