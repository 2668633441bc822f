package dev.finesynth.contracts.validation;

/**
 * Size limits applied when decoding events.
 *
 * @param maxTextChars longest accepted query or document text ({@code
 *     finesynth.events.max-text-chars})
 * @param maxIdChars longest accepted identifier
 */
public record EventLimits(int maxTextChars, int maxIdChars) {
  public static final EventLimits DEFAULT = new EventLimits(100_000, 512);

  public EventLimits {
    if (maxTextChars < 1 || maxIdChars < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static EventLimits ofTextChars(int maxTextChars) {
    return new EventLimits(maxTextChars, DEFAULT.maxIdChars());
  }
}
