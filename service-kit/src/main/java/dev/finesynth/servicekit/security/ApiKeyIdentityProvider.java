package dev.finesynth.servicekit.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Turns an API key into the caller's identity: the name and roles of its line in the key file. The
 * file is read once, when the service starts ({@link RestAuthCheck}); a change takes a restart.
 */
@Singleton
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
  private final ApiKeys keys;

  @Inject
  public ApiKeyIdentityProvider(RestAuthConfig auth) {
    keys =
        auth.enabled() ? auth.apiKeysFile().map(ApiKeys::load).orElse(ApiKeys.NONE) : ApiKeys.NONE;
  }

  public ApiKeys keys() {
    return keys;
  }

  @Override
  public Class<ApiKeyAuthenticationRequest> getRequestType() {
    return ApiKeyAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
    return keys.find(request.key())
        .map(
            key ->
                Uni.createFrom()
                    .<SecurityIdentity>item(
                        QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(key.name()))
                            .addRoles(key.roles())
                            .build()))
        .orElseGet(
            () -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
  }
}
