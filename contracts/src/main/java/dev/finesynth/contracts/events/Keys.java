package dev.finesynth.contracts.events;

/** Builds the composite record keys the registry documents, such as {@code runId/queryId}. */
public final class Keys {
  public static final String SEPARATOR = "/";

  private Keys() {}

  public static String of(String... parts) {
    return String.join(SEPARATOR, parts);
  }

  /** The first part of a composite key: the run id or the corpus id. */
  public static String owner(String key) {
    int slash = key.indexOf(SEPARATOR);
    return slash < 0 ? key : key.substring(0, slash);
  }
}
