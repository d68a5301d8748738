package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Cumulative counters of one network interface. */
public record NetIo(
    @JsonProperty("name") String name,
    @JsonProperty("bytes_recv") long bytesRecv,
    @JsonProperty("bytes_sent") long bytesSent) {}
