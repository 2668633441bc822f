package dev.finesynth.servicekit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAccessAugmentorTest {
  private static final SecurityIdentity ANONYMOUS =
      QuarkusSecurityIdentity.builder().setAnonymous(true).build();
  private static final SecurityIdentity VIEWER =
      QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal("v"))
          .addRole(RestRoles.VIEWER)
          .build();

  @Test
  void byDefaultOpensNothing() {
    var augmentor = augmentor(true, false);
    assertThat(augment(augmentor, ANONYMOUS).getRoles()).isEmpty();
    assertThat(augment(augmentor, VIEWER).getRoles()).containsExactly(RestRoles.VIEWER);
  }

  @Test
  void openReadsMakeAnonymousCallersViewers() {
    var augmentor = augmentor(true, true);
    SecurityIdentity anonymous = augment(augmentor, ANONYMOUS);
    assertThat(anonymous.getRoles()).containsExactly(RestRoles.VIEWER);
    assertThat(anonymous.isAnonymous()).isTrue();
    assertThat(augment(augmentor, VIEWER).getRoles()).containsExactly(RestRoles.VIEWER);
  }

  @Test
  void disabledGivesEveryoneEveryRole() {
    var augmentor = augmentor(false, false);
    assertThat(augment(augmentor, ANONYMOUS).getRoles())
        .containsExactlyInAnyOrderElementsOf(RestRoles.ALL);
  }

  private static SecurityIdentity augment(
      OpenAccessAugmentor augmentor, SecurityIdentity identity) {
    return augmentor.augment(identity, null).await().indefinitely();
  }

  private static OpenAccessAugmentor augmentor(boolean enabled, boolean openReads) {
    var augmentor = new OpenAccessAugmentor();
    augmentor.auth =
        new RestAuthConfig() {
          @Override
          public boolean enabled() {
            return enabled;
          }

          @Override
          public boolean openReads() {
            return openReads;
          }

          @Override
          public Optional<Path> apiKeysFile() {
            return Optional.empty();
          }
        };
    return augmentor;
  }
}
