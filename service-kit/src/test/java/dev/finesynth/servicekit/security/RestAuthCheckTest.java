package dev.finesynth.servicekit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestAuthCheckTest {
  @Test
  void startsWithAJwtKeyOrAnApiKeyFile() {
    assertThat(RestAuthCheck.refusal(true, false, false)).isEmpty();
    assertThat(RestAuthCheck.refusal(false, false, true)).isEmpty();
    assertThat(RestAuthCheck.refusal(true, true, true)).isEmpty();
  }

  @Test
  void withNeitherRefusesNamingTheSettings() {
    assertThat(RestAuthCheck.refusal(false, false, false))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("no caller could authenticate")
                    .contains("mp.jwt.verify.publickey.location")
                    .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                    .contains("finesynth.rest.auth.api-keys-file")
                    .contains("FINESYNTH_REST_AUTH_API_KEYS_FILE")
                    .contains("finesynth.rest.auth.enabled=false"));
  }

  @Test
  void anIssuerWithoutAKeyIsNotEnough() {
    assertThat(RestAuthCheck.refusal(false, true, false))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("mp.jwt.verify.issuer is set but no key")
                    .contains("mp.jwt.verify.publickey.location"));
  }
}
