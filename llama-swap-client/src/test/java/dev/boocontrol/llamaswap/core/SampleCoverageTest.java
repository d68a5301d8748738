package dev.boocontrol.llamaswap.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SampleCoverageTest {

  @Test
  void everySampleFileHasAParser() {
    Set<String> unmapped = new TreeSet<>(Samples.allFiles());
    unmapped.removeAll(SampleCatalog.FILES.keySet());
    assertThat(unmapped)
        .as("sample files with no entry in SampleCatalog (add one and a value test)")
        .isEmpty();
  }

  @Test
  void everyCatalogEntryStillExists() {
    Set<String> stale = new TreeSet<>(SampleCatalog.FILES.keySet());
    stale.removeAll(Samples.allFiles());
    assertThat(stale).as("catalog entries whose file is gone").isEmpty();
  }

  @Test
  void everySampleParsesWithItsParser() {
    List<String> files = Samples.allFiles();
    assertThat(files).hasSizeGreaterThan(80);
    for (String file : files) {
      assertThat(SampleCatalog.FILES.get(file).parse(file)).as(file).isNotNull();
    }
  }

  @Test
  void everyParserIsUsedByTheCatalog() {
    assertThat(Set.copyOf(SampleCatalog.FILES.values()))
        .containsExactlyInAnyOrder(SampleParser.values());
  }
}
