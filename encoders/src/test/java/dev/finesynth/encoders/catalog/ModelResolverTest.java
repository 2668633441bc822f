package dev.finesynth.encoders.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.encoders.hub.HubDownloader;
import dev.finesynth.encoders.hub.HubSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
  @TempDir Path dir;

  private ModelResolver offlineResolver() {
    return new ModelResolver(
        new HubDownloader(
            new HubSettings(URI.create("http://127.0.0.1:9"), dir.resolve("cache"), null, true)));
  }

  @Test
  void catalogHasTheDefaultsOfEachModel() {
    CatalogEntry bge = ModelCatalog.byName("bge-small-en-v1.5").orElseThrow();
    assertThat(bge.pooling()).isEqualTo(PoolingMode.CLS);
    assertThat(bge.queryPrefix()).startsWith("Represent this sentence");
    assertThat(bge.passagePrefix()).isEmpty();
    CatalogEntry e5 = ModelCatalog.byName("e5-small-v2").orElseThrow();
    assertThat(e5.queryPrefix()).isEqualTo("query: ");
    assertThat(e5.passagePrefix()).isEqualTo("passage: ");
    assertThat(ModelCatalog.byRepo("cross-encoder/ms-marco-MiniLM-L-6-v2").orElseThrow().kind())
        .isEqualTo(ModelKind.CROSS_ENCODER);
    assertThat(ModelCatalog.shortNames()).hasSize(7);
  }

  @Test
  void bundledModelsResolveWithoutFiles() {
    ResolvedModel model = offlineResolver().resolve("all-minilm-l6-v2");
    assertThat(model.isBundled()).isTrue();
    assertThat(model.bundledName()).isEqualTo("all-minilm-l6-v2");
    assertThat(model.entry().pooling()).isEqualTo(PoolingMode.MEAN);
  }

  @Test
  void localFoldersGetAnInferredEntry() throws IOException {
    Path model = dir.resolve("cross");
    Files.createDirectories(model);
    Files.writeString(
        model.resolve("config.json"),
        "{\"architectures\":[\"BertForSequenceClassification\"],\"max_position_embeddings\":512}");
    ResolvedModel resolved = offlineResolver().resolve(model.toString());
    assertThat(resolved.folder()).isEqualTo(model);
    assertThat(resolved.entry().kind()).isEqualTo(ModelKind.CROSS_ENCODER);
    assertThat(resolved.entry().maxLength()).isEqualTo(512);

    assertThatThrownBy(() -> offlineResolver().resolve(dir.resolve("missing").toString()))
        .hasMessageContaining("no model folder");
  }

  @Test
  void hubModelsNotInTheCacheFailOfflineNamingTheRepository() {
    assertThatThrownBy(() -> offlineResolver().resolve("ms-marco-minilm-l-6-v2"))
        .hasMessageContaining("cross-encoder/ms-marco-MiniLM-L-6-v2")
        .hasMessageContaining("HF_HUB_OFFLINE");
  }
}
