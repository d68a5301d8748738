package dev.boocontrol.contracts.events;

/**
 * One write to a host's proxy or upstream log, as llama-swap streamed it (may hold several lines or
 * a partial one, and ANSI colours).
 *
 * @param source "proxy" or "upstream"
 * @param history true for the log ring replayed when a connection opens: not new lines
 */
public record LogLines(String hostId, String source, String text, boolean history) {}
