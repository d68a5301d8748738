package dev.boocontrol.actionqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.platform.core.HostKind;
import dev.boocontrol.platform.core.HostSpec;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");

  private static HostSpec host(boolean enabled, HostKind kind) {
    return new HostSpec(
        "gpu-1", "GPU 1", URI.create("http://gpu-1:8080"), Optional.empty(), enabled, kind);
  }

  private static final Optional<HostSpec> GPU = Optional.of(host(true, HostKind.LLAMA_SWAP));

  @Test
  void aWellFormedWarmIsNormalised() {
    Admission.Checked c =
        Admission.validate(new ActionRequest(" warm ", " qwen3-30b ", "admin", null));
    assertThat(c.isOk()).isTrue();
    assertThat(c.request())
        .isEqualTo(new ValidRequest(ActionKind.WARM, "qwen3-30b", "admin", false));
  }

  @Test
  void unloadAllNeedsNoModelAndDropsOne() {
    Admission.Checked c =
        Admission.validate(new ActionRequest("unload_all", "ignored", "ops@lab", true));
    assertThat(c.request())
        .isEqualTo(new ValidRequest(ActionKind.UNLOAD_ALL, null, "ops@lab", true));
  }

  @Test
  void eachBadFieldIsNamed() {
    assertThat(field(new ActionRequest(null, "m", "admin", false))).isEqualTo("kind");
    assertThat(field(new ActionRequest("reboot", "m", "admin", false))).isEqualTo("kind");
    assertThat(field(new ActionRequest("warm", null, "admin", false))).isEqualTo("model");
    assertThat(field(new ActionRequest("unload", "  ", "admin", false))).isEqualTo("model");
    assertThat(field(new ActionRequest("warm", "a\nb", "admin", false))).isEqualTo("model");
    assertThat(field(new ActionRequest("warm", "m".repeat(257), "admin", false)))
        .isEqualTo("model");
    assertThat(field(new ActionRequest("warm", "m", null, false))).isEqualTo("requestedBy");
    assertThat(field(new ActionRequest("warm", "m", "a b", false))).isEqualTo("requestedBy");
    assertThat(Admission.validate(null).rejection().kind()).isEqualTo(Rejection.Kind.BAD_REQUEST);
  }

  @Test
  void aBadKindSaysWhichKindsExist() {
    Rejection r = Admission.validate(new ActionRequest("reboot", "m", "admin", false)).rejection();
    assertThat(r.message()).contains("warm", "unload", "unload_all", "reboot");
  }

  @Test
  void unknownGatewayAndDisabledHostsAreRefused() {
    assertThat(Admission.admit("nope", Optional.empty(), Optional.empty(), 0, 4))
        .map(Rejection::kind)
        .contains(Rejection.Kind.UNKNOWN_HOST);
    assertThat(
            Admission.admit(
                "gpu-1", Optional.of(host(true, HostKind.GATEWAY)), Optional.empty(), 0, 4))
        .map(Rejection::kind)
        .contains(Rejection.Kind.UNKNOWN_HOST);
    assertThat(
            Admission.admit(
                "gpu-1", Optional.of(host(false, HostKind.LLAMA_SWAP)), Optional.empty(), 0, 4))
        .map(Rejection::kind)
        .contains(Rejection.Kind.HOST_DISABLED);
  }

  @Test
  void aDownHostIsRefusedWithTheConnectorsReason() {
    Optional<Rejection> r =
        Admission.admit(
            "gpu-1",
            GPU,
            Optional.of(new Liveness(LivenessState.DOWN, "health probe failed", AT)),
            0,
            4);
    assertThat(r).map(Rejection::kind).contains(Rejection.Kind.HOST_DOWN);
    assertThat(r.get().message()).contains("gpu-1", "down", "health probe failed");
  }

  @Test
  void reconnectingOrUnknownLivenessIsNotDown() {
    assertThat(
            Admission.admit(
                "gpu-1",
                GPU,
                Optional.of(new Liveness(LivenessState.RECONNECTING, "stream closed", AT)),
                0,
                4))
        .isEmpty();
    assertThat(Admission.admit("gpu-1", GPU, Optional.empty(), 0, 4)).isEmpty();
  }

  @Test
  void theFifthWaitingActionIsOneTooMany() {
    assertThat(Admission.admit("gpu-1", GPU, Optional.empty(), 3, 4)).isEmpty();
    Optional<Rejection> full = Admission.admit("gpu-1", GPU, Optional.empty(), 4, 4);
    assertThat(full).map(Rejection::kind).contains(Rejection.Kind.QUEUE_FULL);
    assertThat(full.get().message()).contains("full", "4");
  }

  private static String field(ActionRequest request) {
    Admission.Checked c = Admission.validate(request);
    assertThat(c.isOk()).as("rejected: %s", request).isFalse();
    assertThat(c.rejection().kind()).isEqualTo(Rejection.Kind.BAD_REQUEST);
    return c.rejection().field();
  }
}
