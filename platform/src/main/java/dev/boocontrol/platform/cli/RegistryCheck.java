package dev.boocontrol.platform.cli;

import dev.boocontrol.platform.core.HostRegistry;
import dev.boocontrol.platform.core.HostRegistryFiles;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.core.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./boocontrol up} runs this before starting anything: it validates the host files with the
 * same parser the services use and prints one line per host plus {@code connectable=N}. Exit 0 when
 * valid (or absent), 2 when invalid. Keys are never printed.
 */
public final class RegistryCheck {

  private RegistryCheck() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: RegistryCheck HOSTS_FILE...");
      System.exit(64);
    }
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (Files.isRegularFile(Path.of(arg))) {
        files.add(Path.of(arg));
      }
    }
    String file = String.join(", ", args);
    try {
      HostRegistry registry = HostRegistryFiles.read(files, System::getenv);
      for (HostSpec h : registry.hosts()) {
        System.out.printf(
            "host %s %s %s%s%n",
            h.id(), h.kind().wireName(), h.baseUrl(), h.enabled() ? "" : " (disabled)");
      }
      System.out.println("connectable=" + registry.connectable().size());
    } catch (RegistryException e) {
      System.err.println("invalid host registry " + file + ":");
      e.problems().forEach(p -> System.err.println("  " + p));
      System.exit(2);
    } catch (java.io.UncheckedIOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
