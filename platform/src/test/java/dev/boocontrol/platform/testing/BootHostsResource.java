package dev.boocontrol.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a booting service a real {@code hosts.yaml}: one llama-swap host and one gateway. Hosts of
 * other test modules sharing the database are left alone ({@code disable-unlisted=false}).
 */
public class BootHostsResource implements QuarkusTestResourceLifecycleManager {

  public static final String HOSTS_YAML =
      """
      hosts:
        - id: boot-gpu
          name: Boot test GPU host
          url: http://127.0.0.1:9/
          apiKey: boot-secret-key
        - id: boot-gateway
          url: http://127.0.0.1:9504
          kind: gateway
      """;

  private Path file;

  @Override
  public Map<String, String> start() {
    try {
      file = Files.createTempFile("boot-hosts", ".yaml");
      Files.writeString(file, HOSTS_YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "boocontrol.registry.hosts-file",
        file.toString(),
        "boocontrol.registry.disable-unlisted",
        "false");
  }

  @Override
  public void stop() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
