package dev.finesynth.servicekit.security;

import java.util.Set;

/**
 * The roles of the services' REST endpoints, as a JWT's {@code groups} claim or an API key's line
 * in the key file names them.
 */
public final class RestRoles {
  /** Starts and cancels runs; may read everything a viewer reads. */
  public static final String OPERATOR = "finesynth-operator";

  /** Reads runs, datasets, models and reports. */
  public static final String VIEWER = "finesynth-viewer";

  public static final Set<String> ALL = Set.of(OPERATOR, VIEWER);

  private RestRoles() {}
}
