package dev.boocontrol.cockpit.query;

import java.util.List;

/**
 * A page of the activity search, newest first.
 *
 * @param next the cursor to pass as {@code before} for the following page; null on the last page
 */
public record ActivityPage(List<ActivityRow> rows, String next) {}
