package dev.finesynth.encoders.catalog;

/**
 * A model's identity and the defaults to use it with. For a model folder, what its own files say
 * (sentence_bert_config.json, 1_Pooling/config.json) wins over these defaults.
 *
 * @param name the short name, or the repository id or folder for models outside the catalog
 * @param pooling null for cross-encoders
 * @param queryPrefix put before queries ("" for none)
 * @param passagePrefix put before passages ("" for none)
 * @param maxLength the longest input in tokens
 */
public record CatalogEntry(
    String name,
    Source source,
    ModelKind kind,
    PoolingMode pooling,
    boolean normalize,
    String queryPrefix,
    String passagePrefix,
    int maxLength) {

  /** Where a model's files come from. */
  public sealed interface Source {}

  /** Shipped inside a jar on the class path, by its bundled name. */
  public record Bundled(String name) implements Source {}

  /** A Hugging Face Hub repository ({@code org/name}); revision null means {@code main}. */
  public record Hub(String repo, String revision) implements Source {}

  /** A folder on disk. */
  public record Folder(java.nio.file.Path path) implements Source {}

  public CatalogEntry {
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
    if ((kind == ModelKind.BI_ENCODER) != (pooling != null)) {
      throw new IllegalArgumentException(
          name + ": a bi-encoder needs a pooling mode and a cross-encoder has none");
    }
  }

  public CatalogEntry withSource(Source newSource) {
    return new CatalogEntry(
        name, newSource, kind, pooling, normalize, queryPrefix, passagePrefix, maxLength);
  }
}
