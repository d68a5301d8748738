package dev.boocontrol.sim.core;

/**
 * The simulator's timing model for one request. With {@code c = max(1, concurrency)} requests in
 * flight on the model (this one included), {@code uncached = max(0, promptTokens - cachedTokens)}:
 *
 * <ul>
 *   <li>{@code promptMs = uncached / promptTps * 1000 * (1 + 0.25 * (c - 1))};
 *   <li>{@code perTokenMs = 1000 / genTps * (1 + 0.35 * (c - 1)) * slowFactor};
 *   <li>{@code completionTokens = maxTokens} if {@code maxTokens > 0}, else a length in 16..64
 *       fixed by the seed and the prompt size (so the same request always gets the same length).
 * </ul>
 *
 * <p>Concurrent requests share the GPU, so both phases slow down linearly with load; generation
 * (memory-bound) suffers more than prompt processing (compute-bound).
 */
public final class InferenceModel {

  public static final int MIN_COMPLETION = 16;
  public static final int MAX_COMPLETION = 64;

  private final long seed;

  public InferenceModel() {
    this(42L);
  }

  public InferenceModel(long seed) {
    this.seed = seed;
  }

  public Timing plan(
      ModelSim model,
      int promptTokens,
      int cachedTokens,
      int maxTokens,
      int concurrency,
      double slowFactor) {
    int c = Math.max(1, concurrency);
    int uncached = Math.max(0, promptTokens - Math.max(0, cachedTokens));
    double promptMs = uncached / model.promptTps() * 1000 * (1 + 0.25 * (c - 1));
    double perTokenMs = 1000 / model.genTps() * (1 + 0.35 * (c - 1)) * slowFactor;
    int completion = maxTokens > 0 ? maxTokens : defaultCompletion(promptTokens);
    return new Timing(promptMs, perTokenMs, completion);
  }

  /** A deterministic length in 16..64 from the seed and the prompt size. */
  public int defaultCompletion(int promptTokens) {
    long h = Mix.mix(seed ^ Mix.mix(promptTokens + 0x9E3779B97F4A7C15L));
    return MIN_COMPLETION + (int) Math.floorMod(h, (long) (MAX_COMPLETION - MIN_COMPLETION + 1));
  }

  /** {@code ceil(codePoints / 4.0)}, at least 1 for non-empty text; 0 for null or empty. */
  public static int estimateTokens(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int chars = text.codePointCount(0, text.length());
    return Math.max(1, (int) Math.ceil(chars / 4.0));
  }

  /**
   * How long one simulated request takes.
   *
   * @param promptMs time to process the uncached prompt tokens
   * @param perTokenMs time per generated token
   * @param completionTokens tokens to generate
   */
  public record Timing(double promptMs, double perTokenMs, int completionTokens) {

    /** {@code perTokenMs * completionTokens}: llama.cpp's {@code predicted_ms}. */
    public double generationMs() {
      return perTokenMs * completionTokens;
    }

    /** {@code promptMs + generationMs()}. */
    public double totalMs() {
      return promptMs + generationMs();
    }

    /** llama.cpp's {@code predicted_per_second}: {@code 1000 / perTokenMs}. */
    public double tokensPerSecond() {
      return perTokenMs <= 0 ? 0 : 1000 / perTokenMs;
    }

    /**
     * llama.cpp's {@code prompt_per_second} for {@code promptN} processed tokens: {@code 1000 /
     * promptMs * promptN}; 0 when nothing was processed.
     */
    public double promptPerSecond(int promptN) {
      return promptMs <= 0 || promptN <= 0 ? 0 : 1000 / promptMs * promptN;
    }
  }
}
