package dev.boocontrol.platform.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads and merges several registry files (the operator's, the simulated hosts'). */
public final class HostRegistryFiles {

  private HostRegistryFiles() {}

  /**
   * @throws RegistryException naming every problem, with its file and field
   * @throws UncheckedIOException when a file cannot be read
   */
  public static HostRegistry read(List<Path> files, Function<String, String> environment) {
    HostRegistryParser parser = new HostRegistryParser(environment);
    Map<String, HostRegistry> bySource = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        bySource.put(file.toString(), parser.parse(Files.readString(file), file.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read host registry " + file, e);
      }
    }
    return HostRegistry.merge(bySource);
  }
}
