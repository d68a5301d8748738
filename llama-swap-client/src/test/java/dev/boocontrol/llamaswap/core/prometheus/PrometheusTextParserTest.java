package dev.boocontrol.llamaswap.core.prometheus;

import static dev.boocontrol.llamaswap.core.SampleParser.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

  private static PrometheusTextParser.Result sample() {
    return PROMETHEUS.parse("http/metrics.prometheus.200.txt", PrometheusTextParser.Result.class);
  }

  @Test
  void readsEverySampleOfTheScrape() {
    PrometheusTextParser.Result result = sample();
    assertThat(result.skippedLines()).isZero();
    assertThat(result.samples()).hasSize(28);
    assertThat(result.named("llamaswap_cpu_util_percent")).hasSize(8);
    assertThat(result.named("llamaswap_cpu_util_percent").get(3).value())
        .isEqualTo(3.0303030303030303);
    assertThat(result.named("llamaswap_cpu_util_percent").get(3).label("core")).contains("3");
  }

  @Test
  void goFloatFormatAndLabels() {
    PrometheusSample used = sample().named("llamaswap_gpu_memory_used_bytes").get(0);
    assertThat(used.value()).isEqualTo(1_385_168_896d);
    assertThat(used.labels())
        .containsEntry("id", "0")
        .containsEntry("name", "NVIDIA GeForce RTX 3090")
        .containsEntry("uuid", "GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94");
    assertThat(sample().named("llamaswap_gpu_memory_total_bytes").get(0).value())
        .isEqualTo(25_769_803_776d);
    assertThat(sample().named("llamaswap_memory_total_bytes").get(0).value())
        .isEqualTo(67_334_307_840d);
    assertThat(sample().named("llamaswap_gpu_power_draw_watts").get(0).value()).isEqualTo(33.41);
  }

  @Test
  void typesComeFromTypeLines() {
    List<PrometheusSample> net = sample().named("llamaswap_network_bytes_total");
    assertThat(net).hasSize(4).allMatch(s -> s.type().equals("counter"));
    assertThat(net.get(1).labels())
        .containsEntry("interface", "enp5s0")
        .containsEntry("direction", "sent");
    assertThat(net.get(1).value()).isEqualTo(4_471_950_021d);
    assertThat(sample().named("llamaswap_load_average").get(2).label("interval")).contains("15m");
    assertThat(sample().named("llamaswap_swap_used_bytes").get(0).type()).isEqualTo("gauge");
  }

  @Test
  void specialValuesEscapesTimestampsAndBadLines() {
    PrometheusTextParser.Result result =
        PrometheusTextParser.parse(
            "# TYPE h histogram\n"
                + "h_bucket{le=\"+Inf\"} 3 1700000000000\n"
                + "a +Inf\nb -Inf\nc NaN\n"
                + "d{x=\"q\\\"uote\\\\ and\\nnl\"} 1\n"
                + "broken{x=\"y\" 1\n"
                + "e 1d\n"
                + "  \n");
    assertThat(result.skippedLines()).isEqualTo(2);
    assertThat(result.named("h_bucket").get(0).type()).isEqualTo("histogram");
    assertThat(result.named("h_bucket").get(0).value()).isEqualTo(3);
    assertThat(result.named("a").get(0).value()).isInfinite().isPositive();
    assertThat(result.named("b").get(0).value()).isInfinite().isNegative();
    assertThat(result.named("c").get(0).value()).isNaN();
    assertThat(result.named("d").get(0).label("x")).contains("q\"uote\\ and\nnl");
    assertThat(result.named("a").get(0).type()).isEqualTo("untyped");
  }

  @Test
  void theDisabledBodyHasNoSamples() {
    assertThat(PrometheusTextParser.parse("# performance monitor not available\n").samples())
        .isEmpty();
  }
}
