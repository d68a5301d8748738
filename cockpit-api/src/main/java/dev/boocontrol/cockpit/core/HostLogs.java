package dev.boocontrol.cockpit.core;

import java.util.List;
import java.util.Map;

/**
 * A host's log tail as a late joiner reads it.
 *
 * @param seq the host's delta seq when the tail was read: {@code control_log} deltas above it carry
 *     lines that are not in {@code lines}
 * @param lines the newest lines of the asked sources, in line-number order
 * @param pending per source, the text after its last newline (not yet a line)
 */
public record HostLogs(
    String host, long seq, List<LogTail.Line> lines, Map<String, String> pending) {}
