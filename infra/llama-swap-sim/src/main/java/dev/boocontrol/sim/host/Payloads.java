package dev.boocontrol.sim.host;

import dev.boocontrol.sim.core.ModelConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-describing payloads of a host: {@code modelStatus}, {@code /running}, {@code
 * /v1/models} and an upstream's {@code /props}. Struct-shaped objects keep field order; plain maps
 * come out with sorted keys, as Go writes them.
 */
final class Payloads {

  private Payloads() {}

  /** {@code modelStatus}: every local model sorted by id (spec §7.3.1). */
  static List<Struct> modelStatus(Collection<Models.Process> processes) {
    List<Struct> list = new ArrayList<>();
    for (Models.Process p : processes) {
      ModelConfig m = p.config;
      Struct e = new Struct();
      e.put("id", m.id());
      e.put("name", m.name());
      e.put("description", m.description());
      e.put("state", p.state.wire);
      e.put("unlisted", m.unlisted());
      e.put("peerID", "");
      if (!m.aliases().isEmpty()) {
        e.put("aliases", m.aliases());
      }
      Map<String, Boolean> caps = m.capabilities().tags();
      if (!caps.isEmpty()) {
        e.put("capabilities", caps);
      }
      if (m.contextLength() > 0) {
        e.put("context_length", m.contextLength());
      }
      list.add(e);
    }
    return list;
  }

  /** {@code /running}: processes not stopped, sorted by model (spec §6.1). */
  static List<Struct> running(Collection<Models.Process> processes) {
    List<Struct> list = new ArrayList<>();
    for (Models.Process p : processes) {
      if (!p.state.loaded()) {
        continue;
      }
      Struct e = new Struct();
      e.put("model", p.id());
      e.put("state", p.state.wire);
      e.put("cmd", p.config.cmd());
      e.put("proxy", p.config.proxy());
      e.put("ttl", p.config.ttl());
      e.put("name", p.config.name());
      e.put("description", p.config.description());
      list.add(e);
    }
    return list;
  }

  /** {@code /v1/models} (spec §4). */
  static Map<String, Object> v1Models(Collection<Models.Process> processes) {
    long created = System.currentTimeMillis() / 1000;
    List<Struct> data = new ArrayList<>();
    for (Models.Process p : processes) {
      ModelConfig m = p.config;
      if (m.unlisted()) {
        continue;
      }
      Struct e = new Struct();
      e.put("id", m.id());
      e.put("object", "model");
      e.put("created", created);
      e.put("owned_by", "llama-swap");
      if (!m.name().isBlank()) {
        e.put("name", m.name().trim());
      }
      if (!m.description().isBlank()) {
        e.put("description", m.description().trim());
      }
      m.capabilities().architecture().ifPresent(a -> e.put("architecture", a));
      Map<String, Boolean> caps = m.capabilities().tags();
      if (!caps.isEmpty()) {
        e.put("capabilities", caps);
      }
      if (m.capabilities().tools()) {
        e.put("supported_parameters", List.of("tools", "tool_choice"));
      }
      if (m.contextLength() > 0) {
        e.put("context_length", m.contextLength());
      }
      Map<String, Object> llamaswap = new LinkedHashMap<>(m.metadata());
      if (!m.aliases().isEmpty()) {
        llamaswap.put("aliases", m.aliases());
      }
      llamaswap.put("type", "model");
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("llamaswap", llamaswap);
      if (m.contextLength() > 0) {
        meta.put("n_ctx", m.contextLength());
      }
      e.put("meta", meta);
      boolean loaded = p.state != Models.State.STOPPED && p.state != Models.State.SHUTDOWN;
      e.put("status", Map.of("value", loaded ? "loaded" : "unloaded"));
      data.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", data);
    out.put("object", "list");
    return out;
  }

  /** {@code GET /upstream/{model}/props}: llama-server's own /props, cut down (spec §5). */
  static Struct props(ModelConfig m) {
    Struct settings = new Struct();
    settings.put("id", 0);
    settings.put("id_task", -1);
    settings.put("n_ctx", m.contextLength() > 0 ? m.contextLength() : 4096);
    settings.put("speculative", false);
    settings.put("is_processing", false);
    Struct params = new Struct();
    params.put("n_predict", -1);
    params.put("temperature", 0.8);
    params.put("max_tokens", -1);
    settings.put("params", params);
    Struct props = new Struct();
    props.put("default_generation_settings", settings);
    props.put("total_slots", 1);
    props.put("model_path", "/models/" + m.id() + ".gguf");
    props.put("chat_template", "{%- for message in messages %}...{%- endfor %}");
    props.put("modalities", Map.of("audio", false, "vision", m.capabilities().vision()));
    props.put("build_info", Inference.FINGERPRINT);
    return props;
  }
}
