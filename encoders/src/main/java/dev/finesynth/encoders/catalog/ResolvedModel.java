package dev.finesynth.encoders.catalog;

import java.nio.file.Path;

/**
 * Where a named model's files are: a folder on disk, or a model bundled on the class path.
 *
 * @param folder the model folder (a hub snapshot or a local folder); null for a bundled model
 * @param bundledName the bundled model's name; null for a folder
 * @param entry the model's identity and defaults
 */
public record ResolvedModel(Path folder, String bundledName, CatalogEntry entry) {
  public ResolvedModel {
    if ((folder == null) == (bundledName == null)) {
      throw new IllegalArgumentException("a model is either in a folder or bundled, not both");
    }
  }

  public boolean isBundled() {
    return bundledName != null;
  }
}
