package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogRequestTest {

  @Test
  void bothSourcesAndFiveHundredLinesByDefault() {
    LogRequest request = LogRequest.parse(null, " ");
    assertThat(request.sources()).containsExactly("proxy", "upstream");
    assertThat(request.limit()).isEqualTo(500);
  }

  @Test
  void oneSourceAndALimitUpToTheTailSize() {
    LogRequest request = LogRequest.parse("upstream", "2000");
    assertThat(request.sources()).containsExactly("upstream");
    assertThat(request.limit()).isEqualTo(2000);
  }

  @Test
  void badValuesNameTheirParameter() {
    assertThatThrownBy(() -> LogRequest.parse("kernel", null))
        .isInstanceOfSatisfying(
            BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("source"));
    for (String limit : new String[] {"0", "2001", "ten", "-5"}) {
      assertThatThrownBy(() -> LogRequest.parse(null, limit))
          .isInstanceOfSatisfying(
              BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("limit"));
    }
  }

  @Test
  void modelIdsAreLlamaSwapIdsWithoutPathTricks() {
    assertThat(LogRequest.modelId("qwen3-30b")).isEqualTo("qwen3-30b");
    assertThat(LogRequest.modelId("org/Model:Q4_K_M")).isEqualTo("org/Model:Q4_K_M");
    for (String bad : new String[] {"", "../etc", "a/../b", "x y", "/abs", "?q"}) {
      assertThatThrownBy(() -> LogRequest.modelId(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("model"));
    }
  }
}
