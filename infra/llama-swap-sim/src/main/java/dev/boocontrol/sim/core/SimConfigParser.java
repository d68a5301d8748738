package dev.boocontrol.sim.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the llama-swap {@code config.yaml} subset the simulator honours (spec section 16) plus the
 * {@code sim:} section, applying llama-swap's defaults and checks. Keys it does not simulate are
 * ignored. Every problem is collected and reported at once, each naming its field.
 */
public final class SimConfigParser {

  static final String DEFAULT_CMD = "llama-server --port ${PORT} -m /models/${MODEL_ID}.gguf";
  static final String DEFAULT_PROXY = "http://localhost:${PORT}";
  static final int DEFAULT_CONCURRENCY = 10;
  static final List<String> DEFAULT_SESSION_HEADERS =
      List.of("X-Session-ID", "X-Litellm-Session-Id");

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final Pattern ENV_MACRO = Pattern.compile("\\$\\{env\\.([A-Za-z0-9_]+)\\}");
  private static final Pattern MACRO = Pattern.compile("\\$\\{([a-zA-Z0-9_.-]+)\\}");
  private static final Pattern MACRO_NAME = Pattern.compile("[a-zA-Z0-9_-]+");
  private static final Set<String> RESERVED_MACROS = Set.of("PORT", "PID", "MODEL_ID");
  private static final Set<String> MODALITIES = Set.of("text", "audio", "image");
  private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error");

  private final String source;
  private final List<String> problems = new ArrayList<>();

  private SimConfigParser(String source) {
    this.source = source;
  }

  /** Parses YAML text; {@code ${env.NAME}} reads the process environment. */
  public static SimConfig parse(String yaml, String source) {
    return parse(yaml, source, System::getenv);
  }

  /** Parses YAML text with an explicit environment for {@code ${env.NAME}}. */
  public static SimConfig parse(String yaml, String source, Function<String, String> env) {
    return new SimConfigParser(source).run(yaml, env);
  }

  public static SimConfig parseFile(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new SimConfigException(path.toString(), List.of("cannot read: " + e.getMessage()));
    }
  }

  private SimConfig run(String yaml, Function<String, String> env) {
    String text = substituteEnv(yaml == null ? "" : yaml, env);
    JsonNode root = readYaml(text);
    failIfProblems();
    if (root == null || root.isNull() || root.isMissingNode()) {
      root = YAML.createObjectNode();
    }
    if (!root.isObject()) {
      problems.add("(root): must be a map");
      failIfProblems();
    }

    JsonNode sim = child(root, "sim");
    boolean fastClock = bool(child(sim, "fastClock"), "sim.fastClock", false);
    String hostName = string(child(sim, "hostName"), "sim.hostName", "llama-swap-sim");
    List<GpuConfig> gpus = gpus(child(sim, "gpus"), hostName);
    SystemConfig system = system(child(sim, "system"));
    String version = string(child(sim, "version"), "sim.version", "v250");
    long seed = longValue(child(sim, "seed"), "sim.seed", 42L);

    int healthCheckTimeout =
        Math.max(15, integer(child(root, "healthCheckTimeout"), "healthCheckTimeout", 120, null));
    String logLevel = logLevel(child(root, "logLevel"));
    int metricsMax = integer(child(root, "metricsMaxInMemory"), "metricsMaxInMemory", 1000, null);
    int captureBuffer = integer(child(root, "captureBuffer"), "captureBuffer", 5, 0L);
    int globalTtl = integer(child(root, "globalTTL"), "globalTTL", 0, 0L);
    int unloadTimeout = integer(child(root, "unloadTimeout"), "unloadTimeout", 10, 0L);
    if (unloadTimeout == 0) {
      unloadTimeout = 10;
    }
    boolean sendLoadingState = bool(child(root, "sendLoadingState"), "sendLoadingState", false);
    List<String> apiKeys = apiKeys(child(root, "apiKeys"));
    List<String> sessionHeaders = sessionHeaders(root);
    JsonNode performance = child(root, "performance");
    boolean perfDisabled = bool(child(performance, "disabled"), "performance.disabled", false);
    Duration every = every(child(performance, "every"), fastClock);
    int startPort = integer(child(root, "startPort"), "startPort", 5800, 1L);

    Map<String, Object> globalMacros = macros(child(root, "macros"), "macros");
    Map<String, ModelConfig> models =
        models(
            child(root, "models"),
            globalMacros,
            startPort,
            globalTtl,
            unloadTimeout,
            sendLoadingState,
            gpus);
    List<GroupConfig> groups = groups(root, models);
    failIfProblems();

    return new SimConfig(
        source,
        healthCheckTimeout,
        logLevel,
        metricsMax,
        captureBuffer,
        globalTtl,
        unloadTimeout,
        sendLoadingState,
        apiKeys,
        sessionHeaders,
        every,
        perfDisabled,
        startPort,
        models,
        groups,
        new SimSettings(hostName, gpus, system, version, seed, fastClock));
  }

  // ---- llama-swap sections ----

  private String substituteEnv(String yaml, Function<String, String> env) {
    StringBuilder out = new StringBuilder(yaml.length());
    for (String line : yaml.split("(?<=\n)", -1)) {
      if (line.stripLeading().startsWith("#")) {
        out.append(line);
        continue;
      }
      Matcher m = ENV_MACRO.matcher(line);
      StringBuilder replaced = new StringBuilder();
      while (m.find()) {
        String value = env.apply(m.group(1));
        if (value == null) {
          problems.add("${env." + m.group(1) + "}: environment variable is not set");
          value = "";
        }
        m.appendReplacement(replaced, Matcher.quoteReplacement(value));
      }
      m.appendTail(replaced);
      out.append(replaced);
    }
    return out.toString();
  }

  private JsonNode readYaml(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      problems.add("(yaml): " + e.getOriginalMessage());
      return null;
    }
  }

  private String logLevel(JsonNode node) {
    String level = string(node, "logLevel", "info").trim().toLowerCase(Locale.ROOT);
    // llama-swap does not reject an unknown level; it logs at info.
    return LOG_LEVELS.contains(level) ? level : "info";
  }

  private List<String> apiKeys(JsonNode node) {
    List<String> keys = stringList(node, "apiKeys");
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).isEmpty()) {
        problems.add("apiKeys[" + i + "]: must not be empty");
      } else if (keys.get(i).contains(" ")) {
        problems.add("apiKeys[" + i + "]: must not contain spaces");
      }
    }
    return keys;
  }

  private List<String> sessionHeaders(JsonNode root) {
    JsonNode node = child(child(child(root, "ui"), "activity"), "session_id");
    if (node == null) {
      return DEFAULT_SESSION_HEADERS;
    }
    List<String> headers = new ArrayList<>();
    for (String header : stringList(node, "ui.activity.session_id")) {
      if (!header.isBlank()) {
        headers.add(header.trim());
      }
    }
    return headers;
  }

  private Duration every(JsonNode node, boolean fastClock) {
    Duration every = Duration.ofSeconds(5);
    if (node == null) {
      return every;
    }
    if (node.isIntegralNumber()) {
      every = Duration.ofNanos(node.asLong()); // yaml.v3 reads a bare int as nanoseconds
    } else if (node.isTextual()) {
      try {
        every = GoDuration.parse(node.asText());
      } catch (IllegalArgumentException e) {
        problems.add("performance.every: must be a duration like \"5s\"");
        return Duration.ofSeconds(5);
      }
    } else {
      problems.add("performance.every: must be a duration like \"5s\"");
      return Duration.ofSeconds(5);
    }
    if (every.isZero()) {
      return Duration.ofSeconds(5);
    }
    if (fastClock ? every.isNegative() : every.compareTo(Duration.ofSeconds(5)) < 0) {
      problems.add(
          "performance.every: must be at least 5s, got "
              + GoDuration.format(every)
              + (fastClock ? "" : " (shorter only with sim.fastClock: true)"));
    }
    return every;
  }

  private Map<String, Object> macros(JsonNode node, String path) {
    Map<String, Object> macros = new LinkedHashMap<>();
    if (node == null) {
      return macros;
    }
    if (!node.isObject()) {
      problems.add(path + ": must be a map");
      return macros;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      String at = path + "." + name;
      if (!MACRO_NAME.matcher(name).matches() || name.length() >= 64) {
        problems.add(at + ": macro names use letters, digits, _ and - (under 64 characters)");
      } else if (RESERVED_MACROS.contains(name)) {
        problems.add(at + ": " + name + " is reserved");
      } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        macros.put(name, scalar(e.getValue()));
      } else {
        problems.add(at + ": must be a string, number or boolean");
      }
    }
    return macros;
  }

  private Map<String, ModelConfig> models(
      JsonNode node,
      Map<String, Object> globalMacros,
      int startPort,
      int globalTtl,
      int globalUnloadTimeout,
      boolean globalLoadingState,
      List<GpuConfig> gpus) {
    Map<String, ModelConfig> models = new TreeMap<>();
    if (node == null) {
      problems.add("models: required");
      return models;
    }
    if (!node.isObject()) {
      problems.add("models: must be a map of model id to model");
      return models;
    }
    if (node.isEmpty()) {
      problems.add("models: at least one model is required");
      return models;
    }
    Map<String, JsonNode> byId = new TreeMap<>();
    node.properties().forEach(e -> byId.put(e.getKey(), e.getValue()));
    Map<String, String> aliasOwner = new LinkedHashMap<>();
    int nextPort = startPort;
    for (Map.Entry<String, JsonNode> e : byId.entrySet()) {
      String id = e.getKey();
      String at = "models." + id;
      JsonNode m = e.getValue() == null || e.getValue().isNull() ? null : e.getValue();
      if (m != null && !m.isObject()) {
        problems.add(at + ": must be a map");
        continue;
      }
      Map<String, Object> macros = new LinkedHashMap<>();
      macros.put("MODEL_ID", id);
      macros.putAll(globalMacros);
      macros.putAll(macros(child(m, "macros"), at + ".macros"));

      String cmd = expand(string(child(m, "cmd"), at + ".cmd", DEFAULT_CMD), macros);
      String proxy = expand(string(child(m, "proxy"), at + ".proxy", DEFAULT_PROXY), macros);
      String check =
          expand(string(child(m, "checkEndpoint"), at + ".checkEndpoint", "/health"), macros);
      String name = expand(string(child(m, "name"), at + ".name", ""), macros);
      String description = expand(string(child(m, "description"), at + ".description", ""), macros);
      Object metadata = expandValue(plain(child(m, "metadata"), at + ".metadata"), macros);

      int port = 0;
      boolean cmdHasPort = cmd.contains("${PORT}");
      if (!cmdHasPort && proxy.contains("${PORT}")) {
        problems.add(at + ".proxy: uses ${PORT} but cmd does not");
      } else if (cmdHasPort) {
        port = nextPort++;
        Map<String, Object> portMacro = Map.of("PORT", port);
        cmd = expand(cmd, portMacro);
        proxy = expand(proxy, portMacro);
        name = expand(name, portMacro);
        description = expand(description, portMacro);
        metadata = expandValue(metadata, portMacro);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("cmd", cmd);
      fields.put("proxy", proxy);
      fields.put("checkEndpoint", check);
      fields.put("name", name);
      fields.put("description", description);
      fields.forEach((field, value) -> unknownMacros(at + "." + field, value));
      unknownMacrosIn(at + ".metadata", metadata);

      List<String> aliases = stringList(child(m, "aliases"), at + ".aliases");
      for (String alias : aliases) {
        if (byId.containsKey(alias)) {
          problems.add(at + ".aliases: '" + alias + "' is also a model id");
        } else if (aliasOwner.containsKey(alias)) {
          problems.add(
              at
                  + ".aliases: duplicate alias '"
                  + alias
                  + "' (also in "
                  + aliasOwner.get(alias)
                  + ")");
        } else {
          aliasOwner.put(alias, id);
        }
      }
      int ttl = integer(child(m, "ttl"), at + ".ttl", -1, -1L);
      int concurrency = integer(child(m, "concurrencyLimit"), at + ".concurrencyLimit", 0, 0L);
      if (concurrency == 0) {
        concurrency = DEFAULT_CONCURRENCY;
      }
      if (id.equals("comfyui_auto")) {
        concurrency = Math.max(concurrency, 50);
      }
      int unloadTimeout = integer(child(m, "unloadTimeout"), at + ".unloadTimeout", 0, 0L);
      JsonNode loading = child(m, "sendLoadingState");
      @SuppressWarnings("unchecked")
      Map<String, Object> metadataMap =
          metadata instanceof Map ? (Map<String, Object>) metadata : Map.of();
      models.put(
          id,
          new ModelConfig(
              id,
              name,
              description,
              cmd,
              proxy,
              port,
              aliases,
              ttl == -1 ? globalTtl : ttl,
              bool(child(m, "unlisted"), at + ".unlisted", false),
              concurrency,
              check,
              unloadTimeout == 0 ? globalUnloadTimeout : unloadTimeout,
              bool(loading, at + ".sendLoadingState", globalLoadingState),
              metadataMap,
              capabilities(child(m, "capabilities"), at + ".capabilities", macros),
              modelSim(child(m, "sim"), at + ".sim", gpus)));
    }
    return models;
  }

  private Capabilities capabilities(JsonNode node, String at, Map<String, Object> macros) {
    if (node == null) {
      return Capabilities.none();
    }
    if (!node.isObject()) {
      problems.add(at + ": must be a map");
      return Capabilities.none();
    }
    List<String> in = modalities(child(node, "in"), at + ".in");
    List<String> out = modalities(child(node, "out"), at + ".out");
    JsonNode context = child(node, "context");
    int contextLength = 0;
    if (context != null && context.isTextual()) {
      String expanded = expand(context.asText(), macros).trim();
      if (expanded.matches("\\d{1,9}")) {
        contextLength = Integer.parseInt(expanded);
      } else {
        problems.add(at + ".context: must be an integer >= 0");
      }
    } else {
      contextLength = integer(context, at + ".context", 0, 0L);
    }
    return new Capabilities(
        in,
        out,
        bool(child(node, "tools"), at + ".tools", false),
        bool(child(node, "reranker"), at + ".reranker", false),
        contextLength);
  }

  private List<String> modalities(JsonNode node, String at) {
    List<String> values = stringList(node, at);
    for (String v : values) {
      if (!MODALITIES.contains(v)) {
        problems.add(at + ": unknown modality '" + v + "' (text, audio or image)");
      }
    }
    return values;
  }

  private List<GroupConfig> groups(JsonNode root, Map<String, ModelConfig> models) {
    JsonNode legacy = child(root, "groups");
    JsonNode router = child(child(root, "routing"), "router");
    if (child(root, "matrix") != null) {
      problems.add("matrix: the swap matrix is not simulated; use groups");
    }
    JsonNode groupsNode = legacy;
    String groupsPath = "groups";
    if (router != null) {
      if (legacy != null || child(root, "matrix") != null) {
        problems.add(
            "routing: cannot be combined with the legacy top-level 'groups'/'matrix' keys");
      }
      String use = string(child(router, "use"), "routing.router.use", "group");
      if (use.equals("matrix")) {
        problems.add("routing.router.use: the swap matrix is not simulated; use group");
      } else if (!use.equals("group") && !use.isEmpty()) {
        problems.add("routing.router.use: unknown router '" + use + "' (valid: group, matrix)");
      }
      groupsNode = child(child(router, "settings"), "groups");
      groupsPath = "routing.router.settings.groups";
    }
    List<GroupConfig> groups = new ArrayList<>();
    Map<String, String> memberOf = new LinkedHashMap<>();
    if (groupsNode != null) {
      if (!groupsNode.isObject()) {
        problems.add(groupsPath + ": must be a map of group name to group");
      } else {
        for (Map.Entry<String, JsonNode> e : groupsNode.properties()) {
          GroupConfig group = group(e.getKey(), e.getValue(), groupsPath + "." + e.getKey());
          for (String member : group.members()) {
            String at = groupsPath + "." + group.name() + ".members";
            if (!models.containsKey(member)) {
              problems.add(at + ": '" + member + "' is not a model id");
            } else if (memberOf.containsKey(member)) {
              problems.add(
                  at + ": '" + member + "' is already in group '" + memberOf.get(member) + "'");
            } else {
              memberOf.put(member, group.name());
            }
          }
          groups.add(group);
        }
      }
    }
    List<String> ungrouped = new ArrayList<>();
    for (String id : models.keySet()) {
      if (!memberOf.containsKey(id)) {
        ungrouped.add(id);
      }
    }
    if (!ungrouped.isEmpty()) {
      if (groups.stream().anyMatch(GroupConfig::isDefault)) {
        problems.add(groupsPath + "." + GroupConfig.DEFAULT_NAME + ": the name is reserved");
      }
      groups.add(new GroupConfig(GroupConfig.DEFAULT_NAME, true, true, false, ungrouped));
    }
    groups.sort((a, b) -> a.name().compareTo(b.name()));
    return groups;
  }

  private GroupConfig group(String name, JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      problems.add(at + ": must be a map");
      return new GroupConfig(name, true, true, false, List.of());
    }
    List<String> members = stringList(child(node, "members"), at + ".members");
    List<String> distinct = new ArrayList<>();
    for (String member : members) {
      if (distinct.contains(member)) {
        problems.add(at + ".members: '" + member + "' is listed twice");
      } else {
        distinct.add(member);
      }
    }
    return new GroupConfig(
        name,
        bool(child(node, "swap"), at + ".swap", true),
        bool(child(node, "exclusive"), at + ".exclusive", true),
        bool(child(node, "persistent"), at + ".persistent", false),
        distinct);
  }

  // ---- sim section ----

  private List<GpuConfig> gpus(JsonNode node, String hostName) {
    if (node == null) {
      return List.of(defaultGpu(0, hostName));
    }
    if (!node.isArray()) {
      problems.add("sim.gpus: must be a list");
      return List.of(defaultGpu(0, hostName));
    }
    List<GpuConfig> gpus = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode g = node.get(i);
      String at = "sim.gpus[" + i + "]";
      if (!g.isObject()) {
        problems.add(at + ": must be a map");
        continue;
      }
      double limit =
          number(
              child(g, "powerLimitW"), at + ".powerLimitW", GpuConfig.DEFAULT_POWER_LIMIT_W, true);
      double idle = number(child(g, "idleW"), at + ".idleW", GpuConfig.DEFAULT_IDLE_W, false);
      if (idle > limit) {
        problems.add(at + ".idleW: must not exceed powerLimitW");
      }
      gpus.add(
          new GpuConfig(
              i,
              string(child(g, "name"), at + ".name", GpuConfig.DEFAULT_NAME),
              integer(child(g, "vramMb"), at + ".vramMb", GpuConfig.DEFAULT_VRAM_MB, 1L),
              limit,
              idle,
              string(child(g, "uuid"), at + ".uuid", defaultUuid(hostName, i))));
    }
    return gpus;
  }

  private static GpuConfig defaultGpu(int index, String hostName) {
    return new GpuConfig(
        index,
        GpuConfig.DEFAULT_NAME,
        GpuConfig.DEFAULT_VRAM_MB,
        GpuConfig.DEFAULT_POWER_LIMIT_W,
        GpuConfig.DEFAULT_IDLE_W,
        defaultUuid(hostName, index));
  }

  /** Deterministic per host and index, so restarts keep the same GPU identity. */
  static String defaultUuid(String hostName, int index) {
    byte[] key = (hostName + "/gpu/" + index).getBytes(StandardCharsets.UTF_8);
    return "GPU-" + UUID.nameUUIDFromBytes(key);
  }

  private SystemConfig system(JsonNode node) {
    if (node == null) {
      return SystemConfig.defaults();
    }
    if (!node.isObject()) {
      problems.add("sim.system: must be a map");
      return SystemConfig.defaults();
    }
    return new SystemConfig(
        integer(child(node, "cores"), "sim.system.cores", SystemConfig.DEFAULT_CORES, 1L),
        integer(
            child(node, "memTotalMb"),
            "sim.system.memTotalMb",
            SystemConfig.DEFAULT_MEM_TOTAL_MB,
            1L));
  }

  private ModelSim modelSim(JsonNode node, String at, List<GpuConfig> gpus) {
    if (node == null) {
      return ModelSim.defaults();
    }
    if (!node.isObject()) {
      problems.add(at + ": must be a map");
      return ModelSim.defaults();
    }
    int gpu = integer(child(node, "gpu"), at + ".gpu", 0, 0L);
    if (!gpus.isEmpty() && gpu >= gpus.size()) {
      problems.add(at + ".gpu: no GPU with index " + gpu + " in sim.gpus");
    }
    return new ModelSim(
        nonNegative(child(node, "loadSeconds"), at + ".loadSeconds", ModelSim.DEFAULT_LOAD_SECONDS),
        nonNegative(
            child(node, "unloadSeconds"), at + ".unloadSeconds", ModelSim.DEFAULT_UNLOAD_SECONDS),
        integer(child(node, "vramMb"), at + ".vramMb", ModelSim.DEFAULT_VRAM_MB, 0L),
        gpu,
        number(child(node, "genTps"), at + ".genTps", ModelSim.DEFAULT_GEN_TPS, true),
        number(child(node, "promptTps"), at + ".promptTps", ModelSim.DEFAULT_PROMPT_TPS, true),
        bool(child(node, "failLoad"), at + ".failLoad", false));
  }

  // ---- macros ----

  /** llama-swap substitutes the last-defined macro first, so a macro may use earlier ones. */
  private static String expand(String text, Map<String, Object> macros) {
    List<Map.Entry<String, Object>> entries = new ArrayList<>(macros.entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) {
      Map.Entry<String, Object> e = entries.get(i);
      text = text.replace("${" + e.getKey() + "}", goString(e.getValue()));
    }
    return text;
  }

  /** Type-preserving: a string that is exactly one macro takes the macro's typed value. */
  private static Object expandValue(Object value, Map<String, Object> macros) {
    if (value instanceof String s) {
      List<Map.Entry<String, Object>> entries = new ArrayList<>(macros.entrySet());
      for (int i = entries.size() - 1; i >= 0; i--) {
        Map.Entry<String, Object> e = entries.get(i);
        String slug = "${" + e.getKey() + "}";
        if (s.equals(slug)) {
          return e.getValue();
        }
        s = s.replace(slug, goString(e.getValue()));
      }
      return s;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), expandValue(v, macros)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(expandValue(v, macros)));
      return out;
    }
    return value;
  }

  private void unknownMacros(String at, String value) {
    Matcher m = MACRO.matcher(value);
    while (m.find()) {
      if (m.group(1).equals("PORT")) {
        continue; // only left when cmd lacks ${PORT}, which is reported on its own
      }
      problems.add(at + ": unknown macro '${" + m.group(1) + "}'");
    }
  }

  private void unknownMacrosIn(String at, Object value) {
    if (value instanceof String s) {
      unknownMacros(at, s);
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownMacrosIn(at + "." + k, v));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownMacrosIn(at + "[" + i + "]", list.get(i));
      }
    }
  }

  /** Go's {@code fmt.Sprintf("%v", v)} for macro values. */
  private static String goString(Object value) {
    if (value instanceof Double d) {
      return GoFloat.g(d);
    }
    return String.valueOf(value);
  }

  // ---- typed readers ----

  private static JsonNode child(JsonNode parent, String key) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : node;
  }

  private int integer(JsonNode node, String at, int def, Long min) {
    if (node == null) {
      return def;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      problems.add(at + ": must be an integer" + (min == null ? "" : " >= " + min));
      return def;
    }
    int value = node.intValue();
    if (min != null && value < min) {
      problems.add(at + ": must be an integer >= " + min);
      return def;
    }
    return value;
  }

  private long longValue(JsonNode node, String at, long def) {
    if (node == null) {
      return def;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      problems.add(at + ": must be an integer");
      return def;
    }
    return node.longValue();
  }

  private double number(JsonNode node, String at, double def, boolean positive) {
    if (node == null) {
      return def;
    }
    if (!node.isNumber()) {
      problems.add(at + ": must be a number" + (positive ? " > 0" : " >= 0"));
      return def;
    }
    double value = node.doubleValue();
    if (positive ? value <= 0 : value < 0) {
      problems.add(at + ": must be a number" + (positive ? " > 0" : " >= 0"));
      return def;
    }
    return value;
  }

  private double nonNegative(JsonNode node, String at, double def) {
    return number(node, at, def, false);
  }

  private boolean bool(JsonNode node, String at, boolean def) {
    if (node == null) {
      return def;
    }
    if (!node.isBoolean()) {
      problems.add(at + ": must be true or false");
      return def;
    }
    return node.booleanValue();
  }

  private String string(JsonNode node, String at, String def) {
    if (node == null) {
      return def;
    }
    if (!node.isValueNode()) {
      problems.add(at + ": must be a string");
      return def;
    }
    return node.asText();
  }

  private List<String> stringList(JsonNode node, String at) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (!node.isArray()) {
      problems.add(at + ": must be a list of strings");
      return values;
    }
    for (JsonNode item : node) {
      if (item.isValueNode() && !item.isNull()) {
        values.add(item.asText());
      } else {
        problems.add(at + ": must be a list of strings");
        return new ArrayList<>();
      }
    }
    return values;
  }

  /** A YAML map as plain Java values (maps, lists, strings, numbers, booleans). */
  private Object plain(JsonNode node, String at) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      problems.add(at + ": must be a map");
      return Map.of();
    }
    return toPlain(node);
  }

  private static Object toPlain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      node.properties().forEach(e -> out.put(e.getKey(), toPlain(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(item -> out.add(toPlain(item)));
      return out;
    }
    return scalar(node);
  }

  private static Object scalar(JsonNode node) {
    if (node.getNodeType() == JsonNodeType.NULL) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  private void failIfProblems() {
    if (!problems.isEmpty()) {
      throw new SimConfigException(source, problems);
    }
  }
}
