package dev.boocontrol.llamaswap.core.model;

import static dev.boocontrol.llamaswap.core.SampleParser.ACTIVITY_PAGE;
import static dev.boocontrol.llamaswap.core.SampleParser.CAPTURE;
import static dev.boocontrol.llamaswap.core.SampleParser.HARDWARE;
import static dev.boocontrol.llamaswap.core.SampleParser.PERFORMANCE;
import static dev.boocontrol.llamaswap.core.SampleParser.PROFILES;
import static dev.boocontrol.llamaswap.core.SampleParser.PROFILE_CHANGED;
import static dev.boocontrol.llamaswap.core.SampleParser.RUNNING;
import static dev.boocontrol.llamaswap.core.SampleParser.STATS;
import static dev.boocontrol.llamaswap.core.SampleParser.V1_MODELS;
import static dev.boocontrol.llamaswap.core.SampleParser.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boocontrol.llamaswap.core.Samples;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HttpPayloadsTest {

  @Test
  void activityPageHoldsRowsNewestFirstWithTheirSentinels() {
    ActivityPage page =
        ACTIVITY_PAGE.parse("http/api-metrics-activity.200.json", ActivityPage.class);

    assertThat(page.page()).isEqualTo(1);
    assertThat(page.limit()).isEqualTo(25);
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.totalPages()).isEqualTo(1);
    assertThat(page.data()).extracting(ActivityRow::id).containsExactly(42L, 41L, 40L);
    assertThat(page.maxId()).isEqualTo(42);

    ActivityRow row42 = page.data().get(0);
    assertThat(row42.timestamp())
        .isEqualTo(OffsetDateTime.of(2026, 8, 22, 16, 30, 14, 0, ZoneOffset.UTC));
    assertThat(row42.model()).isEqualTo("qwen3-30b");
    assertThat(row42.reqPath()).isEqualTo("/v1/chat/completions");
    assertThat(row42.respContentType()).isEqualTo("text/event-stream");
    assertThat(row42.respStatusCode()).isEqualTo(200);
    assertThat(row42.tokens().cacheTokens()).isEqualTo(1024);
    assertThat(row42.tokens().inputTokens()).isEqualTo(412);
    assertThat(row42.tokens().outputTokens()).isEqualTo(12);
    assertThat(row42.tokens().draftTokens()).isEqualTo(-1);
    assertThat(row42.tokens().draftAccTokens()).isEqualTo(-1);
    assertThat(row42.tokens().promptPerSecond()).isEqualTo(1058.5436289547652);
    assertThat(row42.tokens().tokensPerSecond()).isEqualTo(44.70788982485684);
    assertThat(row42.tokens().promptSize()).isEqualTo(1436);
    assertThat(row42.tokens().hasDraft()).isFalse();
    assertThat(row42.durationMs()).isEqualTo(16646);
    assertThat(row42.hasCapture()).isTrue();
    assertThat(row42.errorMsg()).isNull();
    assertThat(row42.metadata()).containsEntry("fifo_priority", "0");
    assertThat(row42.legacyFlat()).isFalse();
    assertThat(row42.succeeded()).isTrue();

    ActivityRow row41 = page.data().get(1);
    assertThat(row41.tokens().cacheTokens()).isEqualTo(-1);
    assertThat(row41.tokens().inputTokens()).isEqualTo(9);
    assertThat(row41.tokens().promptPerSecond()).isEqualTo(-1);
    assertThat(row41.tokens().noUsage()).isFalse();

    ActivityRow row40 = page.data().get(2);
    assertThat(row40.respStatusCode()).isEqualTo(404);
    assertThat(row40.errorMsg()).isEqualTo("no router for requested model");
    assertThat(row40.tokens().noUsage()).isTrue();
    assertThat(row40.tokens().draftTokens()).isZero();
    assertThat(row40.metadata()).isEmpty();
    assertThat(row40.succeeded()).isFalse();
  }

  @Test
  void emptyAndFilteredActivityPages() {
    ActivityPage empty =
        ACTIVITY_PAGE.parse("http/api-metrics-activity.empty.200.json", ActivityPage.class);
    assertThat(empty.data()).isEmpty();
    assertThat(empty.totalPages()).isZero();
    assertThat(empty.maxId()).isEqualTo(-1);

    ActivityPage one =
        ACTIVITY_PAGE.parse("http/api-metrics-activity.min_id-42.200.json", ActivityPage.class);
    assertThat(one.total()).isEqualTo(1);
    assertThat(one.data()).singleElement().extracting(ActivityRow::id).isEqualTo(42L);
  }

  @Test
  void statsWithAndWithoutHistograms() {
    Stats stats = STATS.parse("http/api-metrics-stats.200.json", Stats.class);
    assertThat(stats.totalRequests()).isEqualTo(3);
    assertThat(stats.totalInputTokens()).isEqualTo(421);
    assertThat(stats.totalOutputTokens()).isEqualTo(12);
    assertThat(stats.totalCacheTokens()).isEqualTo(1024);
    Histogram prompt = stats.prompt().orElseThrow();
    assertThat(prompt.bins()).containsExactly(1L);
    assertThat(prompt.binSize()).isZero();
    assertThat(prompt.p95()).isEqualTo(1058.5436289547652);
    assertThat(stats.generation().orElseThrow().p50()).isEqualTo(44.70788982485684);

    Stats empty = STATS.parse("http/api-metrics-stats.empty.200.json", Stats.class);
    assertThat(empty.totalRequests()).isZero();
    assertThat(empty.promptHistogram()).isNull();
    assertThat(empty.prompt()).isEmpty();
    assertThat(empty.generation()).isEmpty();
  }

  @Test
  void performanceSamples() {
    Performance perf = PERFORMANCE.parse("http/api-performance.200.json", Performance.class);
    assertThat(perf.enabled()).isTrue();
    assertThat(perf.gpuStatsNull()).isFalse();
    assertThat(perf.gpuStats()).hasSize(2);
    GpuSample gpu = perf.gpuStats().get(1);
    assertThat(gpu.name()).isEqualTo("NVIDIA GeForce RTX 3090");
    assertThat(gpu.uuid()).isEqualTo("GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94");
    assertThat(gpu.tempC()).isEqualTo(46);
    assertThat(gpu.vramTempC()).isZero();
    assertThat(gpu.gpuUtilPct()).isEqualTo(2);
    assertThat(gpu.memUtilPct()).isCloseTo(5.375, within(0.001));
    assertThat(gpu.memTotalMb()).isEqualTo(24576);
    assertThat(gpu.powerDrawW()).isEqualTo(33.41);
    assertThat(gpu.timestamp().getNano()).isEqualTo(413004521);

    SysSample sys = perf.sysStats().get(0);
    assertThat(sys.cpuUtilPerCore()).hasSize(8).startsWith(3.0, 1.9801980198019802);
    assertThat(sys.memTotalMb()).isEqualTo(64215);
    assertThat(sys.loadAvg15()).isEqualTo(0.33);
    assertThat(sys.netIo()).extracting(NetIo::name).containsExactly("enp5s0", "lo");
    assertThat(sys.netIo().get(0).bytesRecv()).isEqualTo(91830115523L);

    Performance after = PERFORMANCE.parse("http/api-performance.after.200.json", Performance.class);
    assertThat(after.gpuStats()).singleElement().extracting(GpuSample::powerDrawW).isEqualTo(33.41);
    assertThat(after.sysStats()).hasSize(1);
  }

  @Test
  void performanceBeforeTheFirstSampleHasNullArrays() {
    Performance perf =
        PERFORMANCE.parse("http/api-performance.no-samples-yet.200.json", Performance.class);
    assertThat(perf.enabled()).isTrue();
    assertThat(perf.gpuStats()).isEmpty();
    assertThat(perf.sysStats()).isEmpty();
    assertThat(perf.gpuStatsNull()).isTrue();
    assertThat(perf.sysStatsNull()).isTrue();
    assertThat(perf.noSamplesYet()).isTrue();
  }

  @Test
  void legacyPerformanceHasNoEnabledKey() {
    Performance perf =
        PERFORMANCE.parse("legacy/api-performance.v212-v228.200.json", Performance.class);
    assertThat(perf.enabled()).isNull();
    assertThat(perf.enabledFlag()).isEmpty();
    assertThat(perf.gpuStats()).hasSize(2);
    assertThat(perf.sysStats()).hasSize(2);
  }

  @Test
  void hardwareInventory() {
    Hardware hw = HARDWARE.parse("http/api-hardware.200.json", Hardware.class);
    assertThat(hw.schemaVersion()).isEqualTo(1);
    assertThat(hw.capturedAt()).isEqualTo(OffsetDateTime.parse("2026-08-22T16:20:01.377190254Z"));
    assertThat(hw.capture().scope()).isEqualTo("inference_host");
    assertThat(hw.capture().detector().version()).isEqualTo("v250-5-g0bdb37");
    assertThat(hw.architecture().rawName()).isEqualTo("amd64");
    assertThat(hw.operatingSystem().kernel()).isEqualTo("6.8.0-79-generic");
    assertThat(hw.environment().kind()).isEqualTo("container");
    assertThat(hw.environment().version()).isNull();
    assertThat(hw.cpu().logicalThreadCount()).isEqualTo(16);
    assertThat(hw.memory().capacityBytes()).isEqualTo(67334197248L);
    assertThat(hw.accelerators())
        .singleElement()
        .satisfies(
            gpu -> {
              assertThat(gpu.model()).isEqualTo("NVIDIA GeForce RTX 3090");
              assertThat(gpu.memory().capacityBytes()).isEqualTo(25769803776L);
              assertThat(gpu.driver().version()).isEqualTo("575.64.03");
              assertThat(gpu.powerLimitWatts()).isEqualTo(350.0);
            });
  }

  @Test
  void versionOfAMakeBuild() {
    Version version = VERSION.parse("http/api-version.200.json", Version.class);
    assertThat(version.version()).isEqualTo("v250-5-g0bdb37");
    assertThat(version.commit()).isEqualTo("0bdb372");
    assertThat(version.releaseNumber()).isEqualTo(OptionalInt.of(250));
    assertThat(version.commitsAfterRelease()).isEqualTo(OptionalInt.of(5));
    assertThat(version.buildTime()).contains(OffsetDateTime.parse("2026-08-22T17:05:12Z"));
  }

  @Test
  void runningModelsHideTheirCommandLine() {
    Running running = RUNNING.parse("http/running.200.json", Running.class);
    assertThat(running.running())
        .extracting(RunningModel::model)
        .containsExactly("nomic-embed", "qwen3-30b");
    RunningModel qwen = running.find("qwen3-30b").orElseThrow();
    assertThat(qwen.state()).isEqualTo(ModelState.READY);
    assertThat(qwen.ttl()).isEqualTo(300);
    assertThat(qwen.proxy()).isEqualTo("http://localhost:5802");
    assertThat(qwen.cmd()).contains("--ctx-size 32768").contains("\n");
    assertThat(qwen.toString())
        .doesNotContain("llama-server")
        .doesNotContain("/models/")
        .contains("<redacted>");
    assertThat(running.toString()).doesNotContain("llama-server");

    Running starting = RUNNING.parse("http/running.starting.200.json", Running.class);
    assertThat(starting.find("qwen3-30b").orElseThrow().state()).isEqualTo(ModelState.STARTING);

    assertThat(RUNNING.parse("http/running.empty.200.json", Running.class).running()).isEmpty();
  }

  @Test
  void legacyRunningHasOnlyModelAndState() {
    Running running = RUNNING.parse("legacy/running.v94-v185.200.json", Running.class);
    RunningModel model = running.running().get(0);
    assertThat(model.model()).isEqualTo("qwen3-30b");
    assertThat(model.state()).isEqualTo(ModelState.READY);
    assertThat(model.cmd()).isEmpty();
    assertThat(model.ttl()).isEqualTo(-1);
  }

  @Test
  void v1ModelsWithStatusMetaAndPeers() {
    V1Models models = V1_MODELS.parse("http/v1-models.200.json", V1Models.class);
    assertThat(models.object()).isEqualTo("list");
    assertThat(models.data())
        .extracting(V1Model::id)
        .containsExactly("gemma3-12b", "qwen3-30b", "strix/gpt-oss-120b");
    V1Model qwen = models.find("qwen3-30b").orElseThrow();
    assertThat(qwen.created()).isEqualTo(1787416214L);
    assertThat(qwen.ownedBy()).isEqualTo("llama-swap");
    assertThat(qwen.contextLength()).isEqualTo(32768);
    assertThat(qwen.capabilities()).containsEntry("function_calling", true);
    assertThat(qwen.supportedParameters()).containsExactly("tools", "tool_choice");
    assertThat(qwen.statusValue()).contains("loaded");
    assertThat(qwen.isLoaded()).isTrue();
    assertThat(qwen.meta().path("n_ctx").asInt()).isEqualTo(32768);
    assertThat(qwen.llamaSwapType()).contains("model");
    assertThat(models.find("gemma3-12b").orElseThrow().architecture().modality())
        .isEqualTo("text+image->text");
    V1Model peer = models.find("strix/gpt-oss-120b").orElseThrow();
    assertThat(peer.name()).isEqualTo("strix: gpt-oss-120b");
    assertThat(peer.llamaSwapType()).contains("peer");
    assertThat(peer.isLoaded()).isFalse();
  }

  @Test
  void captureBodiesAreDecodedFromBase64() {
    Capture capture = CAPTURE.parse("http/api-captures-42.200.json", Capture.class);
    assertThat(capture.id()).isEqualTo(42);
    assertThat(capture.reqPath()).isEqualTo("/v1/chat/completions");
    assertThat(capture.reqHeaders()).containsEntry("Authorization", "[REDACTED]");
    assertThat(capture.requestBodyText().orElseThrow())
        .contains("\"model\":\"qwen3-30b\"")
        .contains("\"stream\":true");
    assertThat(capture.respHeaders()).containsEntry("Content-Type", "text/event-stream");
    // The spec's cross-check: the captured response is the upstream stream, byte for byte.
    assertThat(capture.respBody())
        .isEqualTo(Samples.bytes("upstream/v1-chat-completions.stream.llamacpp.sse.txt"));
    assertThat(capture.toString()).contains("3980 bytes");
  }

  @Test
  void failedRequestCaptureKeepsNoResponseBody() {
    Capture capture = CAPTURE.parse("http/api-captures-40.failed-request.200.json", Capture.class);
    assertThat(capture.id()).isEqualTo(40);
    assertThat(capture.requestBodyText())
        .contains(
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(capture.respBody()).isNull();
    assertThat(capture.responseBody()).isEmpty();
    assertThat(capture.responseHeaders().orElseThrow())
        .containsEntry("Content-Type", "application/json");
  }

  @Test
  void profiles() {
    Profiles profiles = PROFILES.parse("http/api-profiles.200.json", Profiles.class);
    assertThat(profiles.active()).isNull();
    assertThat(profiles.profiles())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo("coding");
              assertThat(p.description()).isEqualTo("route the chat alias to the coder model");
              assertThat(p.pins()).containsEntry("chat", "qwen3-30b");
            });
    ProfileChanged put =
        PROFILE_CHANGED.parse("http/api-profiles-active.put.200.json", ProfileChanged.class);
    assertThat(put.activeProfile()).contains("coding");
  }
}
