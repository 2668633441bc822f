package dev.finesynth.evaluator.evaluation;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.data.LabeledDocumentsLoader;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Held-out data by location, loaded once and read again only when its files change: a BEIR folder's
 * split (its test queries against the whole corpus), or Finetuner's two labelled document sets
 * ({@code queries.jsonl} and {@code index.jsonl} in the location folder).
 */
@Singleton
public class EvaluationSets {
  private final BoundedCache<String, HeldOut> loaded;

  @Inject
  public EvaluationSets(
      @ConfigProperty(name = "finesynth.evaluator.cached-sets", defaultValue = "4") int capacity) {
    this.loaded = new BoundedCache<>(capacity);
  }

  /**
   * A loaded set and the version of its corpus file(s).
   *
   * @param corpusVersion names the corpus and its file state: equal versions, equal documents
   */
  public record HeldOut(String corpusVersion, String version, EvaluationSet set) {}

  public HeldOut load(EvaluationSpec spec) {
    Path location = Path.of(spec.location());
    if (!Files.isDirectory(location)) {
      throw new IllegalArgumentException("evaluation data not found: " + location);
    }
    Layout layout = layout(spec, location);
    String key = spec.format() + "|" + location.toAbsolutePath() + "|" + spec.split();
    String version = key + "|" + stamp(layout.all());
    HeldOut cached = loaded.peek(key);
    if (cached != null && cached.version().equals(version)) {
      return cached;
    }
    HeldOut fresh = new HeldOut(stamp(List.of(layout.corpus())), version, read(spec, location));
    loaded.put(key, fresh);
    return fresh;
  }

  /** The files a format reads; the first is the corpus. */
  private record Layout(Path corpus, List<Path> all) {}

  private static Layout layout(EvaluationSpec spec, Path location) {
    return switch (spec.format()) {
      case "beir" ->
          new Layout(
              location.resolve("corpus.jsonl"),
              List.of(
                  location.resolve("corpus.jsonl"),
                  location.resolve("queries.jsonl"),
                  PathSegments.child(location.resolve("qrels"), "split", spec.split(), ".tsv")));
      case "labels" ->
          new Layout(
              location.resolve("index.jsonl"),
              List.of(location.resolve("index.jsonl"), location.resolve("queries.jsonl")));
      default ->
          throw new IllegalArgumentException(
              "unknown evaluation format '" + spec.format() + "'; known: beir, labels");
    };
  }

  private static EvaluationSet read(EvaluationSpec spec, Path location) {
    try {
      EvaluationSet set =
          spec.format().equals("beir")
              ? BeirLoader.load(location, spec.split())
              : LabeledDocumentsLoader.load(
                  location.resolve("queries.jsonl"), location.resolve("index.jsonl"));
      if (set.queries().size() == 0) {
        throw new IllegalArgumentException("no judged queries in " + location);
      }
      return set;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the evaluation data in " + location + ": " + e.getMessage(), e);
    }
  }

  /** Path, size and modification time of each file: changes when a file is rewritten. */
  private static String stamp(List<Path> files) {
    StringBuilder out = new StringBuilder();
    for (Path file : files) {
      out.append(file.toAbsolutePath()).append(':');
      try {
        out.append(Files.size(file)).append(':').append(Files.getLastModifiedTime(file).toMillis());
      } catch (IOException missing) {
        out.append("missing"); // the loader names the missing file
      }
      out.append(';');
    }
    return out.toString();
  }
}
