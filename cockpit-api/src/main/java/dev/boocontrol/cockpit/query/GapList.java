package dev.boocontrol.cockpit.query;

import java.util.List;

/**
 * Gap windows detected in a range, newest first.
 *
 * @param truncated true when more windows matched than {@link GapQueries#MAX_ROWS}
 */
public record GapList(List<GapRow> rows, boolean truncated) {}
