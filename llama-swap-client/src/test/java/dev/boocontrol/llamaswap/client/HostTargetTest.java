package dev.boocontrol.llamaswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostTargetTest {

  @Test
  void toStringNeverPrintsTheKey() {
    HostTarget target = HostTarget.of("gpu-1", "http://10.0.0.12:8080", "sk-very-secret");
    assertThat(target.apiKey()).contains("sk-very-secret");
    assertThat(target.toString())
        .doesNotContain("sk-very-secret")
        .contains("<redacted>")
        .contains("gpu-1");
    assertThat(HostTarget.of("gpu-2", "http://h:8080").toString()).contains("apiKey=<none>");
    HostTarget withUserInfo =
        new HostTarget("gpu-3", URI.create("http://user:pw@h:8080/x"), Optional.empty());
    assertThat(withUserInfo.toString()).doesNotContain("pw").contains("http://h:8080/x");
  }

  @Test
  void blankKeysAreNoKeysAndBadUrisAreRefused() {
    assertThat(HostTarget.of("h", "http://h", " ").apiKey()).isEmpty();
    assertThatThrownBy(() -> HostTarget.of("h", "ftp://h"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostTarget.of("h", "/relative"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void urlsKeepThePrefixAndEncodeModelIdsBySegment() {
    HostUrls urls = new HostUrls(URI.create("https://proxy.example:8443/llama/"));
    assertThat(urls.url("/running", List.of()))
        .isEqualTo("https://proxy.example:8443/llama/running");
    assertThat(HostUrls.encodeModelPath("strix/gpt-oss-120b")).isEqualTo("strix/gpt-oss-120b");
    assertThat(HostUrls.encodeModelPath("my model/ü?#%")).isEqualTo("my%20model/%C3%BC%3F%23%25");
    assertThat(
            urls.url(
                "/api/metrics/activity", List.of(Map.entry("start", "2026-08-22T16:00:00+02:00"))))
        .endsWith("/llama/api/metrics/activity?start=2026-08-22T16%3A00%3A00%2B02%3A00");
  }
}
