package dev.boocontrol.llamaswap.core.event;

import dev.boocontrol.llamaswap.core.model.ActivityNotice;
import dev.boocontrol.llamaswap.core.model.InflightUpdate;
import dev.boocontrol.llamaswap.core.model.LegacyMetrics;
import dev.boocontrol.llamaswap.core.model.LogData;
import dev.boocontrol.llamaswap.core.model.ModelStatus;
import dev.boocontrol.llamaswap.core.model.ProfileChanged;
import dev.boocontrol.llamaswap.core.model.UiConfig;
import java.util.List;

/** One decoded message of {@code GET /api/events} (spec §7.3), by its envelope {@code type}. */
public sealed interface LlamaSwapEvent extends DecodedEvent {

  /** The envelope's {@code type}. */
  String type();

  /** {@code modelStatus}: a full snapshot of every model, never a diff. */
  record ModelStatusEvent(List<ModelStatus> models) implements LlamaSwapEvent {
    public ModelStatusEvent {
      models = List.copyOf(models);
    }

    @Override
    public String type() {
      return "modelStatus";
    }
  }

  /** {@code logData}: one write to the proxy or upstream log. */
  record LogDataEvent(LogData log) implements LlamaSwapEvent {
    @Override
    public String type() {
      return "logData";
    }
  }

  /** {@code activity} (v236+): a row was stored; fetch it by id. */
  record ActivityEvent(ActivityNotice notice) implements LlamaSwapEvent {
    @Override
    public String type() {
      return "activity";
    }
  }

  /** {@code inflight}: snapshot, upsert, remove, or a legacy form. */
  record InflightEvent(InflightUpdate update) implements LlamaSwapEvent {
    @Override
    public String type() {
      return "inflight";
    }
  }

  /** {@code uiConfig} (v240+), sent on connect only. */
  record UiConfigEvent(UiConfig config) implements LlamaSwapEvent {
    @Override
    public String type() {
      return "uiConfig";
    }
  }

  /** {@code profileChanged} (v241+). */
  record ProfileChangedEvent(ProfileChanged profile) implements LlamaSwapEvent {
    @Override
    public String type() {
      return "profileChanged";
    }
  }

  /** {@code metrics} (v140–v235 only): activity rows, in the shape of their version. */
  record LegacyMetricsEvent(LegacyMetrics metrics) implements LlamaSwapEvent {
    @Override
    public String type() {
      return "metrics";
    }
  }

  /**
   * A type this client does not know (fork types such as {@code codexQuota}, or {@code perfsys}).
   * Callers ignore it.
   */
  record Unknown(String type, String data) implements LlamaSwapEvent {}
}
