package dev.boocontrol.llamaswap.core.model;

/**
 * Token counts and speeds of one activity row. The server's sentinels are kept as they are: {@code
 * -1} means unknown (or no speculative decoding, for the draft fields) and a row with no usage at
 * all has every field {@code 0}. A field that an older release did not send at all reads as {@code
 * -1}.
 *
 * @param inputTokens llama.cpp: uncached prompt tokens only ({@code timings.prompt_n})
 */
public record ActivityTokens(
    long cacheTokens,
    long draftTokens,
    long draftAccTokens,
    long inputTokens,
    long outputTokens,
    double promptPerSecond,
    double tokensPerSecond) {

  /** Value used for a field the record's version did not have. */
  public static final long ABSENT = -1;

  /** True when the body carried no usage or timings at all (every field is 0). */
  public boolean noUsage() {
    return cacheTokens == 0
        && draftTokens == 0
        && draftAccTokens == 0
        && inputTokens == 0
        && outputTokens == 0
        && promptPerSecond == 0
        && tokensPerSecond == 0;
  }

  /** Whole prompt size for llama.cpp rows: uncached input plus cached tokens (spec §19.7). */
  public long promptSize() {
    return Math.max(inputTokens, 0) + Math.max(cacheTokens, 0);
  }

  /** True when speculative decoding counts were reported. */
  public boolean hasDraft() {
    return draftTokens >= 0 && draftAccTokens >= 0 && !noUsage();
  }
}
