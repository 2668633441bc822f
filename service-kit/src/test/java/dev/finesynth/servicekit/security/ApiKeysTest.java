package dev.finesynth.servicekit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  private static final String OPERATOR = ApiKeys.sha256Hex("op-key");
  private static final String VIEWER = ApiKeys.sha256Hex("view-key");

  @Test
  void hashIsWhatSha256sumPrints() {
    // printf %s op-key | sha256sum
    assertThat(ApiKeys.sha256Hex("op-key")).hasSize(64).isEqualTo(OPERATOR);
    assertThat(ApiKeys.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void findsTheRolesAndNameOfAKeySkippingCommentsAndBlankLines() {
    ApiKeys keys =
        ApiKeys.parse(
            List.of(
                "# operators",
                "",
                OPERATOR.toUpperCase() + " finesynth-operator,finesynth-viewer  ci pipeline",
                "  " + VIEWER + "\tfinesynth-viewer"),
            "keys");

    assertThat(keys.size()).isEqualTo(2);
    var operator = keys.find("op-key").orElseThrow();
    assertThat(operator.roles()).containsExactlyInAnyOrder(RestRoles.OPERATOR, RestRoles.VIEWER);
    assertThat(operator.name()).isEqualTo("ci pipeline");
    var viewer = keys.find("view-key").orElseThrow();
    assertThat(viewer.roles()).containsExactly(RestRoles.VIEWER);
    assertThat(viewer.name()).isEqualTo("api-key-" + VIEWER.substring(0, 8));
    assertThat(keys.find("op-key ")).isEmpty();
    assertThat(keys.find("")).isEmpty();
    assertThat(ApiKeys.NONE.find("op-key")).isEmpty();
  }

  @Test
  void aLineWithoutRolesNamesItsNumber() {
    assertThatThrownBy(
            () -> ApiKeys.parse(List.of("# c", OPERATOR + " finesynth-viewer", VIEWER), "f"))
        .hasMessageContaining("API key file f, line 3: expected");
  }

  @Test
  void aKeyInsteadOfItsHashIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ApiKeys.parse(List.of("s3cret-key finesynth-operator"), "f"))
        .hasMessageContaining("line 1: the first field is not a SHA-256 hash")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void anUnknownRoleIsRefused() {
    assertThatThrownBy(() -> ApiKeys.parse(List.of(OPERATOR + " finesynth-operator,admin"), "f"))
        .hasMessageContaining("line 1: unknown role 'admin'");
  }

  @Test
  void theSameKeyTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                ApiKeys.parse(
                    List.of(OPERATOR + " finesynth-operator", OPERATOR + " finesynth-viewer"), "f"))
        .hasMessageContaining("line 2: the same key as line 1");
  }

  @Test
  void anUnreadableFileNamesTheSetting(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys");
    assertThatThrownBy(() -> ApiKeys.load(file))
        .hasMessageContaining("cannot read the API key file " + file)
        .hasMessageContaining("finesynth.rest.auth.api-keys-file");

    Files.writeString(file, VIEWER + " finesynth-viewer reports\n");
    assertThat(ApiKeys.load(file).find("view-key").orElseThrow().name()).isEqualTo("reports");
  }
}
