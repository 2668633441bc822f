package dev.finesynth.servicekit.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service whose endpoints ask for roles that no caller could prove: neither a
 * JWT verification key nor an API key file is set. Runs before the other start-up work, so a
 * misconfigured service fails at once, with the settings to set. Services without such endpoints
 * (the miner, the scorer) are left alone. (In dev and test mode smallrye-jwt makes a key pair of
 * its own when none is set, so there the check passes.)
 */
@Singleton
public class RestAuthCheck {
  private static final Logger LOG = Logger.getLogger(RestAuthCheck.class);

  /** The settings that hold a JWT verification key (smallrye-jwt writes NONE for "not set"). */
  static final List<String> JWT_KEYS =
      List.of(
          "mp.jwt.verify.publickey.location",
          "mp.jwt.verify.publickey",
          "smallrye.jwt.verify.key.location");

  static final String JWT_ISSUER = "mp.jwt.verify.issuer";

  void onStart(
      @Observes @Priority(1) StartupEvent event,
      RestAuthConfig auth,
      ApiKeyIdentityProvider apiKeys,
      Config config,
      BeanManager beans) {
    if (!guardedEndpoints(beans)) {
      return;
    }
    if (!auth.enabled()) {
      LOG.warn(
          "REST is unauthenticated (finesynth.rest.auth.enabled=false): every endpoint is open to"
              + " anyone who reaches the port; bind it to 127.0.0.1 only (quarkus.http.host)");
      return;
    }
    boolean jwtKey = JWT_KEYS.stream().anyMatch(name -> set(config, name));
    refusal(jwtKey, set(config, JWT_ISSUER), auth.apiKeysFile().isPresent())
        .ifPresent(
            problem -> {
              throw new IllegalStateException(problem);
            });
    List<String> ways = new ArrayList<>();
    if (jwtKey) {
      ways.add("JWT bearer tokens");
    }
    auth.apiKeysFile()
        .ifPresent(file -> ways.add("API keys of " + file + " (" + apiKeys.keys().size() + ")"));
    if (auth.apiKeysFile().isPresent() && apiKeys.keys().size() == 0) {
      LOG.warnf("the API key file %s holds no keys", auth.apiKeysFile().get());
    }
    LOG.infof("REST callers authenticate with %s", String.join(" or ", ways));
  }

  /** Why authentication as configured cannot work, if it cannot. */
  static Optional<String> refusal(boolean jwtKey, boolean jwtIssuer, boolean apiKeysFile) {
    if (jwtKey || apiKeysFile) {
      return Optional.empty();
    }
    String how =
        "set mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION: a PEM public key"
            + " or the issuer's JWKS URL) for JWTs, or finesynth.rest.auth.api-keys-file"
            + " (FINESYNTH_REST_AUTH_API_KEYS_FILE) for API keys; or, for a stack bound to"
            + " 127.0.0.1 only, finesynth.rest.auth.enabled=false (FINESYNTH_REST_AUTH_ENABLED)";
    return Optional.of(
        jwtIssuer
            ? "REST authentication: mp.jwt.verify.issuer is set but no key to verify tokens with: "
                + how
            : "REST authentication is enabled but no caller could authenticate: " + how);
  }

  private static boolean set(Config config, String name) {
    return config
        .getOptionalValue(name, String.class)
        .filter(v -> !v.isBlank() && !"NONE".equals(v))
        .isPresent();
  }

  /** Whether any endpoint of this service asks for a role (Quarkus REST resources are beans). */
  private static boolean guardedEndpoints(BeanManager beans) {
    for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean.getBeanClass();
      if (type.isAnnotationPresent(RolesAllowed.class)
          || Arrays.stream(type.getDeclaredMethods())
              .anyMatch(m -> m.isAnnotationPresent(RolesAllowed.class))) {
        return true;
      }
    }
    return false;
  }
}
