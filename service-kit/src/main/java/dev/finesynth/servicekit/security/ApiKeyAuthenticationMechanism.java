package dev.finesynth.servicekit.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Authenticates a caller by the {@code X-API-Key} header, beside smallrye-jwt's bearer tokens. A
 * request without the header is left to the other mechanisms; one with a key that the key file does
 * not hold is refused (401).
 */
@Singleton
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
  public static final String HEADER = "X-API-Key";

  @Inject RestAuthConfig auth;

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String key = context.request().getHeader(HEADER);
    if (key == null || !auth.enabled()) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(
            new ApiKeyAuthenticationRequest(key), context));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyAuthenticationRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom()
        .item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
  }
}
