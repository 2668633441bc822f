package dev.finesynth.encoders.catalog;

import dev.finesynth.encoders.catalog.CatalogEntry.Bundled;
import dev.finesynth.encoders.catalog.CatalogEntry.Hub;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The models this project knows by short name, with the defaults each is used with. */
public final class ModelCatalog {
  private static final String BGE_QUERY =
      "Represent this sentence for searching relevant passages: ";

  private static final List<CatalogEntry> ENTRIES =
      List.of(
          biEncoder(
              "all-minilm-l6-v2",
              new Bundled("all-minilm-l6-v2"),
              PoolingMode.MEAN,
              true,
              "",
              "",
              256),
          biEncoder(
              "bge-small-en-v1.5",
              new Bundled("bge-small-en-v1.5"),
              PoolingMode.CLS,
              true,
              BGE_QUERY,
              "",
              512),
          biEncoder(
              "e5-small-v2",
              new Bundled("e5-small-v2"),
              PoolingMode.MEAN,
              true,
              "query: ",
              "passage: ",
              512),
          biEncoder(
              "msmarco-distilbert-base-v3",
              hub("sentence-transformers/msmarco-distilbert-base-v3"),
              PoolingMode.MEAN,
              false,
              "",
              "",
              512),
          biEncoder(
              "distiluse-base-multilingual-cased-v1",
              hub("sentence-transformers/distiluse-base-multilingual-cased-v1"),
              PoolingMode.MEAN,
              false,
              "",
              "",
              128),
          crossEncoder("ms-marco-minilm-l-6-v2", hub("cross-encoder/ms-marco-MiniLM-L-6-v2"), 512),
          crossEncoder(
              "mmarco-mminilmv2-l12-h384-v1",
              hub("cross-encoder/mmarco-mMiniLMv2-L12-H384-v1"),
              512));

  private ModelCatalog() {}

  public static List<CatalogEntry> entries() {
    return ENTRIES;
  }

  public static Set<String> shortNames() {
    return ENTRIES.stream()
        .map(CatalogEntry::name)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** The entry with this short name (case-insensitive). */
  public static Optional<CatalogEntry> byName(String shortName) {
    String name = shortName.toLowerCase(Locale.ROOT);
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The entry whose hub repository is {@code repo} (case-insensitive, as the hub is). */
  public static Optional<CatalogEntry> byRepo(String repo) {
    return ENTRIES.stream()
        .filter(e -> e.source() instanceof Hub hub && hub.repo().equalsIgnoreCase(repo))
        .findFirst();
  }

  private static Hub hub(String repo) {
    return new Hub(repo, null);
  }

  private static CatalogEntry biEncoder(
      String name,
      CatalogEntry.Source source,
      PoolingMode pooling,
      boolean normalize,
      String queryPrefix,
      String passagePrefix,
      int maxLength) {
    return new CatalogEntry(
        name,
        source,
        ModelKind.BI_ENCODER,
        pooling,
        normalize,
        queryPrefix,
        passagePrefix,
        maxLength);
  }

  private static CatalogEntry crossEncoder(String name, CatalogEntry.Source source, int maxLength) {
    return new CatalogEntry(name, source, ModelKind.CROSS_ENCODER, null, false, "", "", maxLength);
  }
}
