package dev.boocontrol.llamaswap.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelStateTest {

  @Test
  void mapsEveryWireValue() {
    assertThat(ModelState.fromWire("stopped")).isEqualTo(ModelState.STOPPED);
    assertThat(ModelState.fromWire("starting")).isEqualTo(ModelState.STARTING);
    assertThat(ModelState.fromWire("ready")).isEqualTo(ModelState.READY);
    assertThat(ModelState.fromWire("stopping")).isEqualTo(ModelState.STOPPING);
    assertThat(ModelState.fromWire("shutdown")).isEqualTo(ModelState.SHUTDOWN);
    assertThat(ModelState.fromWire("")).isEqualTo(ModelState.PEER);
    assertThat(ModelState.fromWire("unknown")).isEqualTo(ModelState.UNKNOWN);
    assertThat(ModelState.fromWire("hibernating")).isEqualTo(ModelState.UNKNOWN);
    assertThat(ModelState.fromWire(null)).isEqualTo(ModelState.UNKNOWN);
  }

  @Test
  void loadedMeansAProcessExists() {
    assertThat(ModelState.STARTING.isLoaded()).isTrue();
    assertThat(ModelState.STOPPING.isLoaded()).isTrue();
    assertThat(ModelState.STOPPED.isLoaded()).isFalse();
    assertThat(ModelState.PEER.isLoaded()).isFalse();
  }
}
