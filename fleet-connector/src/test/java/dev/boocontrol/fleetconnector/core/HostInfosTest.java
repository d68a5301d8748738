package dev.boocontrol.fleetconnector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.Running;
import dev.boocontrol.llamaswap.core.model.RunningModel;
import dev.boocontrol.llamaswap.core.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostInfosTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");

  private static RunningModel model(String id, Long ttl) {
    return new RunningModel(
        id,
        ModelState.READY,
        "llama-server --api-key sk-secret-123 -m /m.gguf",
        "http://localhost:5802",
        ttl,
        "Name",
        "desc");
  }

  @Test
  void versionAndTtlsAreTakenAndTheCommandLineIsNot() throws Exception {
    HostInfo info =
        HostInfos.of(
            "gpu-1",
            Optional.of(new Version("2026-08-14T18:22:31Z", "60226b6", "v250")),
            Optional.of(new Running(List.of(model("qwen3-30b", 300L), model("embed", 0L)))),
            AT);
    assertThat(info.hostId()).isEqualTo("gpu-1");
    assertThat(info.version()).isEqualTo("v250");
    assertThat(info.commit()).isEqualTo("60226b6");
    assertThat(info.observedAt()).isEqualTo(AT);
    assertThat(info.models())
        .containsExactly(
            new HostInfo.ModelTtl("embed", 0), new HostInfo.ModelTtl("qwen3-30b", 300));
    String wire = Json.MAPPER.writeValueAsString(info);
    assertThat(wire).doesNotContain("sk-secret-123").doesNotContain("llama-server");
  }

  @Test
  void aHostWithoutVersionOrOldRunningFieldsGivesNulls() {
    HostInfo info =
        HostInfos.of(
            "gpu-1",
            Optional.empty(),
            // Before v186 /running has only model and state: the record reads ttl as -1.
            Optional.of(new Running(List.of(model("old", null), model("", 5L)))),
            AT);
    assertThat(info.version()).isNull();
    assertThat(info.commit()).isNull();
    assertThat(info.models()).containsExactly(new HostInfo.ModelTtl("old", null));
  }

  @Test
  void blankVersionFieldsAreUnknownAndOddOnesAreKeptAsSent() {
    assertThat(
            HostInfos.of("h", Optional.of(new Version("", " ", "")), Optional.empty(), AT)
                .version())
        .isNull();
    HostInfo plainBuild =
        HostInfos.of(
            "h", Optional.of(new Version("unknown", "abcd1234", "0")), Optional.empty(), AT);
    assertThat(plainBuild.version()).isEqualTo("0");
    assertThat(plainBuild.commit()).isEqualTo("abcd1234");
    assertThat(plainBuild.models()).isEmpty();
  }
}
