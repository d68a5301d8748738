package dev.boocontrol.platform.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostRegistryParserTest {

  private final HostRegistryParser parser =
      new HostRegistryParser(Map.of("GPU2_KEY", "from-env")::get);

  @Test
  void readsEveryFieldWithDefaults() {
    HostRegistry registry =
        parser.parse(
            """
            hosts:
              - id: gpu-1
                name: "Big box"
                url: http://10.0.0.5:8080/
                apiKey: sk-one
              - id: gpu-2
                url: https://gpu2.lan
                apiKeyEnv: GPU2_KEY
                enabled: false
              - id: boo-gw
                url: http://127.0.0.1:9504
                kind: gateway
            """,
            "test");

    assertThat(registry.hosts())
        .containsExactly(
            new HostSpec(
                "gpu-1",
                "Big box",
                URI.create("http://10.0.0.5:8080"),
                Optional.of("sk-one"),
                true,
                HostKind.LLAMA_SWAP),
            new HostSpec(
                "gpu-2",
                "gpu-2",
                URI.create("https://gpu2.lan"),
                Optional.of("from-env"),
                false,
                HostKind.LLAMA_SWAP),
            new HostSpec(
                "boo-gw",
                "boo-gw",
                URI.create("http://127.0.0.1:9504"),
                Optional.empty(),
                true,
                HostKind.GATEWAY));
    // disabled hosts and gateways are never connected to
    assertThat(registry.connectable()).extracting(HostSpec::id).containsExactly("gpu-1");
  }

  @Test
  void emptyFileAndEmptyListAreAnEmptyRegistry() {
    assertThat(parser.parse("", "test").hosts()).isEmpty();
    assertThat(parser.parse("hosts: []\n", "test").hosts()).isEmpty();
    assertThat(parser.parse("hosts:\n", "test").hosts()).isEmpty();
  }

  @Test
  void everyProblemIsReportedWithItsField() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    """
                    hosts:
                      - id: Bad Id
                        url: ftp://x
                      - id: ok
                        url: http://a
                        kind: vllm
                        enabled: "yes"
                      - id: ok
                        url: http://b
                        apiKey: "has space"
                      - url: http://c
                        apiKeyEnv: MISSING_VAR
                        colour: red
                    """,
                    "hosts.yaml"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "hosts[0].id: 'Bad Id' must be lower-case letters, digits, '.', '_' or '-' (max 63)",
                        "hosts[0].url: 'ftp://x' must be an absolute http or https URL",
                        "hosts[1].kind: 'vllm' is not one of llama-swap, gateway",
                        "hosts[1].enabled: must be true or false",
                        "hosts[2].id: 'ok' is declared twice",
                        "hosts[2].apiKey: must be non-empty and contain no spaces",
                        "hosts[3].colour: unknown key (allowed: apiKey, apiKeyEnv, enabled, id, kind, name, url)",
                        "hosts[3].id: required",
                        "hosts[3].apiKeyEnv: environment variable MISSING_VAR is not set"))
        .hasMessageStartingWith("invalid host registry hosts.yaml: ");
  }

  @Test
  void rejectsBrokenYamlAndWrongShapes() {
    assertThatThrownBy(() -> parser.parse("hosts: [", "f"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> parser.parse("hosts: {id: a}", "f"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.problems()).containsExactly("hosts: must be a list"));
    assertThatThrownBy(() -> parser.parse("servers: []", "f"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("servers: unknown key (expected 'hosts')"));
    assertThatThrownBy(() -> parser.parse("- a\n- b\n", "f"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("top level must be a mapping");
  }

  @Test
  void apiKeyNeverAppearsInToString() {
    HostSpec spec =
        parser.parse("hosts: [{id: a, url: 'http://a', apiKey: sk-secret}]", "f").hosts().get(0);
    assertThat(spec.toString()).doesNotContain("sk-secret").contains("[REDACTED]");
  }

  @Test
  void theCommittedExampleIsValidAndDescribesEveryField() throws Exception {
    Path example = Path.of(System.getProperty("boo.root.dir", "..")).resolve("hosts.example.yaml");
    String text = Files.readString(example);
    HostRegistry registry =
        new HostRegistryParser(Map.of("STRIX_LLAMA_SWAP_KEY", "k")::get).parse(text, "example");
    assertThat(registry.hosts()).isNotEmpty();
    assertThat(registry.hosts()).extracting(HostSpec::kind).contains(HostKind.GATEWAY);
    for (String field : new String[] {"id:", "name:", "url:", "apiKey", "enabled:", "kind:"}) {
      assertThat(text).contains(field);
    }
  }

  @Test
  void mergesFilesAndRejectsAnIdDeclaredTwice() {
    HostRegistry mine = parser.parse("hosts: [{id: gpu-1, url: 'http://a'}]", "hosts.yaml");
    HostRegistry sim =
        parser.parse("hosts: [{id: sim-1, url: 'http://127.0.0.1:9601'}]", "simulated.yaml");
    java.util.LinkedHashMap<String, HostRegistry> files = new java.util.LinkedHashMap<>();
    files.put("hosts.yaml", mine);
    files.put("simulated.yaml", sim);
    HostRegistry merged = HostRegistry.merge(files);
    assertThat(merged.ids()).containsExactly("gpu-1", "sim-1");

    HostRegistry clash = parser.parse("hosts: [{id: gpu-1, url: 'http://b'}]", "other.yaml");
    java.util.LinkedHashMap<String, HostRegistry> both = new java.util.LinkedHashMap<>();
    both.put("hosts.yaml", mine);
    both.put("other.yaml", clash);
    assertThatThrownBy(() -> HostRegistry.merge(both))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "host id 'gpu-1' is declared in both hosts.yaml and other.yaml"));
  }
}
