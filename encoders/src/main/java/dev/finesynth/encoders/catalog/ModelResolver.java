package dev.finesynth.encoders.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.encoders.export.SentenceTransformersFolder;
import dev.finesynth.encoders.export.SentenceTransformersLayout;
import dev.finesynth.encoders.hub.HubDownloader;
import dev.finesynth.encoders.hub.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what a user named into model files: bundled models stay bundled, hub models are downloaded
 * (or found in the cache), folders are checked. Models outside the catalog get an entry inferred
 * from their files.
 */
public final class ModelResolver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HubDownloader downloader;

  public ModelResolver(HubDownloader downloader) {
    this.downloader = downloader;
  }

  public static ModelResolver fromEnvironment() {
    return new ModelResolver(HubDownloader.fromEnvironment());
  }

  public ResolvedModel resolve(String text) {
    return resolve(ModelRef.parse(text));
  }

  public ResolvedModel resolve(ModelRef ref) {
    if (ref instanceof ModelRef.Catalog catalog) {
      CatalogEntry entry = ModelCatalog.byName(catalog.name()).orElseThrow();
      if (entry.source() instanceof CatalogEntry.Bundled bundled) {
        return new ResolvedModel(null, bundled.name(), entry);
      }
      CatalogEntry.Hub hub = (CatalogEntry.Hub) entry.source();
      return new ResolvedModel(downloader.download(hub.repo(), hub.revision()), null, entry);
    }
    if (ref instanceof ModelRef.Hub hub) {
      Path folder = downloader.download(hub.repo(), hub.revision());
      CatalogEntry entry =
          ModelCatalog.byRepo(hub.repo())
              .orElseGet(() -> infer(hub.repo(), folder))
              .withSource(new CatalogEntry.Hub(hub.repo(), hub.revision()));
      return new ResolvedModel(folder, null, entry);
    }
    Path folder = ((ModelRef.Local) ref).folder();
    if (!Files.isRegularFile(folder.resolve("config.json"))) {
      throw new IllegalArgumentException(
          Files.isDirectory(folder)
              ? "the folder " + folder + " holds no model: it has no config.json"
              : "no model folder at " + folder);
    }
    return new ResolvedModel(folder, null, infer(folder.toString(), folder));
  }

  /** An entry for a model outside the catalog, from what its folder says. */
  public static CatalogEntry infer(String name, Path folder) {
    JsonNode config = readJson(folder.resolve("config.json"));
    boolean cross = false;
    for (JsonNode architecture : config.path("architectures")) {
      cross |= architecture.asText().endsWith("ForSequenceClassification");
    }
    SentenceTransformersLayout layout =
        Files.isRegularFile(folder.resolve("modules.json")) || !cross
            ? SentenceTransformersFolder.read(folder)
            : null;
    int maxLength = maxLength(folder, config, layout);
    CatalogEntry.Source source = new CatalogEntry.Folder(folder);
    if (cross) {
      return new CatalogEntry(
          name, source, ModelKind.CROSS_ENCODER, null, false, "", "", maxLength);
    }
    PoolingMode pooling = layout.singlePooling().orElse(PoolingMode.MEAN);
    return new CatalogEntry(
        name,
        source,
        ModelKind.BI_ENCODER,
        pooling,
        layout.normalize(),
        layout.prompts().getOrDefault("query", ""),
        layout.prompts().getOrDefault("passage", layout.prompts().getOrDefault("document", "")),
        maxLength);
  }

  private static int maxLength(Path folder, JsonNode config, SentenceTransformersLayout layout) {
    if (layout != null && layout.maxSeqLength() != null) {
      return layout.maxSeqLength();
    }
    JsonNode tokenizer = readJson(folder.resolve("tokenizer_config.json"));
    long fromTokenizer = tokenizer.path("model_max_length").asLong(0);
    if (fromTokenizer > 0 && fromTokenizer <= 100_000) {
      return (int) fromTokenizer;
    }
    int positions = config.path("max_position_embeddings").asInt(512);
    // RoBERTa-style models reserve the first positions after the padding id
    return config.path("model_type").asText("").contains("roberta") ? positions - 2 : positions;
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
