package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.cockpit.core.LogTail.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {

  private final LogTail tail = new LogTail(3);

  @Test
  void joinsAPartialLineWithTheNextWrite() {
    assertThat(tail.append("h", "upstream", "load_tens", false)).isEmpty();
    assertThat(tail.pending("h", "upstream")).isEqualTo("load_tens");
    List<Line> done = tail.append("h", "upstream", "ors: done\nslot 0", false);
    assertThat(done).extracting(Line::text).containsExactly("load_tensors: done");
    assertThat(tail.pending("h", "upstream")).isEqualTo("slot 0");
  }

  @Test
  void numbersLinesPerHostAcrossSources() {
    tail.append("h", "proxy", "[INFO] a\n", false);
    tail.append("h", "upstream", "b\nc\n", false);
    tail.append("other", "proxy", "x\n", false);
    assertThat(tail.tail("h", "upstream", 10)).extracting(Line::n).containsExactly(2L, 3L);
    assertThat(tail.tail("other", "proxy", 10)).extracting(Line::n).containsExactly(1L);
    assertThat(tail.lastLine("h")).hasValue(3L);
    assertThat(tail.lastLine("nobody")).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestLinesAndHonoursTheLimit() {
    tail.append("h", "proxy", "1\n2\n3\n4\n5\n", false);
    assertThat(tail.tail("h", "proxy", 10)).extracting(Line::text).containsExactly("3", "4", "5");
    assertThat(tail.tail("h", "proxy", 2)).extracting(Line::text).containsExactly("4", "5");
    assertThat(tail.tail("h", "proxy", 0)).isEmpty();
  }

  @Test
  void recognisesTheDroppedBytesMarker() {
    List<Line> done = tail.append("h", "upstream", "half\n— 4096 bytes dropped —\nnext\n", false);
    assertThat(done).extracting(Line::dropped).containsExactly(null, 4096L, null);
    assertThat(done.get(1).text()).isEqualTo("— 4096 bytes dropped —");
  }

  @Test
  void historyIsKeptOnlyBeforeTheFirstLiveWrite() {
    assertThat(tail.append("h", "proxy", "old\n", true)).hasSize(1);
    tail.append("h", "proxy", "live\n", false);
    assertThat(tail.append("h", "proxy", "old\nlive\n", true)).isEmpty();
    assertThat(tail.tail("h", "proxy", 10)).extracting(Line::text).containsExactly("old", "live");
  }

  @Test
  void stripsCarriageReturnsAndCutsOverlongPendingText() {
    assertThat(tail.append("h", "proxy", "dos\r\n", false))
        .extracting(Line::text)
        .containsExactly("dos");
    List<Line> cut = tail.append("h", "upstream", "x".repeat(LogTail.MAX_LINE_CHARS + 5), false);
    assertThat(cut).hasSize(1);
    assertThat(tail.pending("h", "upstream")).hasSize(5);
  }

  @Test
  void refusesAnUnknownSource() {
    assertThatThrownBy(() -> tail.append("h", "stdout", "x\n", false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
