package dev.finesynth.encoders.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelRefTest {

  @Test
  void parsesCatalogNamesCaseInsensitively() {
    assertThat(ModelRef.parse("e5-small-v2")).isEqualTo(new ModelRef.Catalog("e5-small-v2"));
    assertThat(ModelRef.parse(" BGE-small-en-v1.5 "))
        .isEqualTo(new ModelRef.Catalog("bge-small-en-v1.5"));
  }

  @Test
  void parsesHubRepositoriesWithAndWithoutPrefixAndRevision() {
    assertThat(ModelRef.parse("hf:cross-encoder/ms-marco-MiniLM-L-6-v2"))
        .isEqualTo(new ModelRef.Hub("cross-encoder/ms-marco-MiniLM-L-6-v2", null));
    assertThat(ModelRef.parse("sentence-transformers/all-MiniLM-L6-v2@v1.0"))
        .isEqualTo(new ModelRef.Hub("sentence-transformers/all-MiniLM-L6-v2", "v1.0"));
    ModelRef.Hub pr = (ModelRef.Hub) ModelRef.parse("hf:org/model@refs/pr/3");
    assertThat(pr.revisionOrMain()).isEqualTo("refs/pr/3");
    assertThat(pr).hasToString("hf:org/model@refs/pr/3");
  }

  @Test
  void parsesLocalFolders() {
    assertThat(ModelRef.parse("/models/x")).isEqualTo(new ModelRef.Local(Path.of("/models/x")));
    assertThat(ModelRef.parse("./out/../model"))
        .isEqualTo(new ModelRef.Local(Path.of("model").toAbsolutePath()));
    assertThat(ModelRef.parse("file:/tmp/m")).isEqualTo(new ModelRef.Local(Path.of("/tmp/m")));
    assertThat(ModelRef.parse("file:///tmp/m")).isEqualTo(new ModelRef.Local(Path.of("/tmp/m")));
  }

  @Test
  void rejectsAnythingElseListingTheShortNames() {
    for (String bad : new String[] {"", "minilm", "org/", "a/b/c", "hf:org--x/y", "hf:noslash"}) {
      assertThatThrownBy(() -> ModelRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("all-minilm-l6-v2")
          .hasMessageContaining("hf:<org>/<name>");
    }
  }

  @Test
  void rejectsHubNamesAndRevisionsThatAreCachePaths() {
    for (String bad :
        new String[] {
          "hf:org/model@../../../../tmp/x",
          "org/model@refs/../../x",
          "hf:org/model@/etc/passwd",
          "hf:org/model@a//b",
          "hf:org/.hidden",
          "hf:org/..",
          "hf:../model"
        }) {
      assertThatThrownBy(() -> ModelRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot use '" + bad + "' as a model");
    }
    assertThatThrownBy(() -> ModelRef.parse("hf:org/model@../../x"))
        .hasMessageContaining("its revision has a part that starts with '.'");
  }
}
