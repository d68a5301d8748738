package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code activity} event (v236+): only the id of a stored row. Fetch the row from {@code
 * /api/metrics/activity}.
 */
public record ActivityNotice(@JsonProperty("id") long id) {}
