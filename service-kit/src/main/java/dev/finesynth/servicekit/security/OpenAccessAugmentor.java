package dev.finesynth.servicekit.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Opens what the settings open: with {@code finesynth.rest.auth.enabled=false} every caller holds
 * every role; with {@code finesynth.rest.auth.open-reads=true} a caller without credentials holds
 * the viewer's role (and still gets 401 from an operator's endpoint).
 */
@Singleton
public class OpenAccessAugmentor implements SecurityIdentityAugmentor {
  @Inject RestAuthConfig auth;

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (!auth.enabled()) {
      return Uni.createFrom()
          .item(QuarkusSecurityIdentity.builder(identity).addRoles(RestRoles.ALL).build());
    }
    if (auth.openReads() && identity.isAnonymous()) {
      return Uni.createFrom()
          .item(QuarkusSecurityIdentity.builder(identity).addRole(RestRoles.VIEWER).build());
    }
    return Uni.createFrom().item(identity);
  }
}
