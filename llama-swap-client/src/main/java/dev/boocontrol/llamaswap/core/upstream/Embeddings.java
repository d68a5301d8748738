package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A {@code /v1/embeddings} answer; llama.cpp sends {@code usage} but no {@code timings}. */
public record Embeddings(
    @JsonProperty("model") String model,
    @JsonProperty("object") String object,
    @JsonProperty("usage") Usage usage,
    @JsonProperty("data") List<Embedding> data) {

  public Embeddings {
    data = data == null ? List.of() : List.copyOf(data);
  }

  /** One vector. */
  public record Embedding(
      @JsonProperty("index") int index,
      @JsonProperty("object") String object,
      @JsonProperty("embedding") List<Double> embedding) {
    public Embedding {
      embedding = embedding == null ? List.of() : List.copyOf(embedding);
    }
  }
}
