package dev.finesynth.servicekit.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The key a caller sent in the {@code X-API-Key} header, for {@link ApiKeyIdentityProvider}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
  private final String key;

  public ApiKeyAuthenticationRequest(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
