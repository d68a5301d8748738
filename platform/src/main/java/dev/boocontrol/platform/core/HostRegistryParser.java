package dev.boocontrol.platform.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code hosts.yaml}. Every problem is collected (not just the first) and names its field,
 * for example {@code hosts[1].url: must be an absolute http or https URL}.
 */
public final class HostRegistryParser {

  /** Same rule as the {@code hosts.id} CHECK constraint of the schema. */
  static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");

  private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
  private static final Set<String> HOST_FIELDS =
      Set.of("id", "name", "url", "apiKey", "apiKeyEnv", "enabled", "kind");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Function<String, String> environment;

  /**
   * @param environment looks up environment variables for {@code apiKeyEnv} (System::getenv in
   *     production)
   */
  public HostRegistryParser(Function<String, String> environment) {
    this.environment = environment;
  }

  public HostRegistry parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new RegistryException(
          source,
          List.of("not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return HostRegistry.empty();
    }
    List<String> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new RegistryException(source, List.of("top level must be a mapping with 'hosts:'"));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("hosts")) {
        problems.add(field + ": unknown key (expected 'hosts')");
      }
    }
    JsonNode hostsNode = root.path("hosts");
    List<HostSpec> hosts = new ArrayList<>();
    if (hostsNode.isMissingNode() || hostsNode.isNull()) {
      // An empty registry is legal: ./boocontrol up then offers simulated hosts.
    } else if (!hostsNode.isArray()) {
      problems.add("hosts: must be a list");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < hostsNode.size(); i++) {
        parseHost(hostsNode.get(i), "hosts[" + i + "]", problems, seen).ifPresent(hosts::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new RegistryException(source, problems);
    }
    return new HostRegistry(hosts);
  }

  private Optional<HostSpec> parseHost(
      JsonNode node, String at, List<String> problems, Set<String> seenIds) {
    if (!node.isObject()) {
      problems.add(at + ": must be a mapping");
      return Optional.empty();
    }
    int before = problems.size();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!HOST_FIELDS.contains(field)) {
        problems.add(
            at + "." + field + ": unknown key (allowed: " + String.join(", ", sorted()) + ")");
      }
    }

    String id = text(node, "id");
    if (id == null || id.isBlank()) {
      problems.add(at + ".id: required");
    } else if (!ID.matcher(id).matches()) {
      problems.add(
          at + ".id: '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (max 63)");
    } else if (!seenIds.add(id)) {
      problems.add(at + ".id: '" + id + "' is declared twice");
    }

    String name = text(node, "name");
    URI url = parseUrl(text(node, "url"), at + ".url", problems);

    HostKind kind = HostKind.LLAMA_SWAP;
    String kindText = text(node, "kind");
    if (kindText != null) {
      kind = HostKind.fromWireName(kindText).orElse(null);
      if (kind == null) {
        problems.add(at + ".kind: '" + kindText + "' is not one of llama-swap, gateway");
      }
    }

    boolean enabled = true;
    JsonNode enabledNode = node.get("enabled");
    if (enabledNode != null && !enabledNode.isNull()) {
      if (!enabledNode.isBoolean()) {
        problems.add(at + ".enabled: must be true or false");
      } else {
        enabled = enabledNode.booleanValue();
      }
    }

    Optional<String> apiKey = apiKey(node, at, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new HostSpec(
            id, name == null || name.isBlank() ? id : name.trim(), url, apiKey, enabled, kind));
  }

  private Optional<String> apiKey(JsonNode node, String at, List<String> problems) {
    String literal = text(node, "apiKey");
    String envName = text(node, "apiKeyEnv");
    if (literal != null && envName != null) {
      problems.add(at + ".apiKey: give apiKey or apiKeyEnv, not both");
      return Optional.empty();
    }
    if (envName != null) {
      if (!ENV_NAME.matcher(envName).matches()) {
        problems.add(at + ".apiKeyEnv: '" + envName + "' is not an environment variable name");
        return Optional.empty();
      }
      String value = environment.apply(envName);
      if (value == null || value.isBlank()) {
        problems.add(at + ".apiKeyEnv: environment variable " + envName + " is not set");
        return Optional.empty();
      }
      return Optional.of(value.trim());
    }
    if (literal != null) {
      // llama-swap itself rejects keys with spaces; say so here rather than get 401s later.
      if (literal.isBlank() || literal.chars().anyMatch(Character::isWhitespace)) {
        problems.add(at + ".apiKey: must be non-empty and contain no spaces");
        return Optional.empty();
      }
      return Optional.of(literal);
    }
    return Optional.empty();
  }

  private static URI parseUrl(String text, String at, List<String> problems) {
    if (text == null || text.isBlank()) {
      problems.add(at + ": required");
      return null;
    }
    try {
      URI uri = new URI(text.trim());
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!http || uri.getHost() == null) {
        problems.add(at + ": '" + text + "' must be an absolute http or https URL");
        return null;
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        problems.add(at + ": '" + text + "' must not have a query or fragment");
        return null;
      }
      // Stored without a trailing slash so paths can be appended as-is.
      String normalized = uri.toString().replaceAll("/+$", "");
      return new URI(normalized);
    } catch (URISyntaxException e) {
      problems.add(at + ": '" + text + "' is not a URL (" + e.getReason() + ")");
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static List<String> sorted() {
    return HOST_FIELDS.stream().sorted().toList();
  }
}
