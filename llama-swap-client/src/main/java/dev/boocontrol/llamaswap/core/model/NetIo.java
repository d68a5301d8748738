package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Cumulative byte counters of one network interface. */
public record NetIo(
    @JsonProperty("name") String name,
    @JsonProperty("bytes_recv") long bytesRecv,
    @JsonProperty("bytes_sent") long bytesSent) {}
