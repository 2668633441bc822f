package dev.finesynth.operator.reconcile;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.InputFormatException;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.TextFiles;
import dev.finesynth.client.TextRecord;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.operator.resource.FitSettings;
import dev.finesynth.operator.resource.InputSource;
import dev.finesynth.operator.resource.SynthesisRun;
import dev.finesynth.operator.resource.SynthesisRunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A SynthesisRun's spec as the client's {@link RunRequest}: inputs read with the client's readers,
 * the run id the resource's uid (so starting it again starts nothing), the run name the resource's
 * name and the uid's first characters (unique even when a resource is deleted and made again).
 */
final class RunRequests {
  private final InputFiles inputs;
  private final FinesynthClient client;

  RunRequests(InputFiles inputs, FinesynthClient client) {
    this.inputs = inputs;
    this.client = client;
  }

  static String runName(SynthesisRun run) {
    return run.getMetadata().getName() + "-" + run.getMetadata().getUid().substring(0, 8);
  }

  RunRequest of(SynthesisRun run) {
    SynthesisRunSpec spec = run.getSpec();
    if (spec == null || spec.queries == null || spec.corpus == null) {
      throw SpecProblem.invalid("spec.queries and spec.corpus are required");
    }
    Path scratch = scratch();
    try {
      String namespace = run.getMetadata().getNamespace();
      RunRequest.Builder request =
          RunRequest.builder()
              .optRunId(run.getMetadata().getUid())
              .optName(runName(run))
              .setQueries(
                  read("spec.queries", namespace, spec.queries, scratch, TextFiles::queries))
              .optModels(models(spec))
              .optNumRelations(spec.numRelations != null ? spec.numRelations : 10)
              .optMaxLengths(
                  spec.maxQueryLength != null ? spec.maxQueryLength : 64,
                  spec.maxDocumentLength != null ? spec.maxDocumentLength : 256)
              .optSkipBadRecords(Boolean.TRUE.equals(spec.skipBadRecords))
              .optTraining(training(spec.fit))
              .optEvaluation(evaluation(spec));
      if (spec.corpus.corpusId != null) {
        long documents = client.corpusSize(spec.corpus.corpusId);
        if (documents == 0) {
          throw SpecProblem.missing(
              "spec.corpus.corpusId: the corpus topic holds no documents of "
                  + spec.corpus.corpusId);
        }
        request.setCorpus(spec.corpus.corpusId, documents);
      } else {
        InputSource corpus = new InputSource();
        corpus.configMap = spec.corpus.configMap;
        corpus.path = spec.corpus.path;
        request.setDocuments(read("spec.corpus", namespace, corpus, scratch, TextFiles::documents));
      }
      return request.build();
    } catch (IllegalArgumentException invalid) { // the builder's and the models' checks
      throw SpecProblem.invalid(invalid.getMessage());
    } finally {
      delete(scratch);
    }
  }

  private List<TextRecord> read(
      String field,
      String namespace,
      InputSource source,
      Path scratch,
      Function<Path, List<TextRecord>> reader) {
    Path file;
    if (source.configMap != null && source.path == null) {
      file = inputs.configMap(namespace, source.configMap, scratch);
    } else if (source.path != null && source.configMap == null) {
      file = inputs.shared(field + ".path", source.path);
    } else {
      throw SpecProblem.invalid(field + ": give exactly one of configMap and path");
    }
    try {
      return reader.apply(file);
    } catch (InputFormatException unreadable) {
      throw SpecProblem.invalid(field + ": " + unreadable.getMessage());
    }
  }

  private static SynthesisModels models(SynthesisRunSpec spec) {
    SynthesisModels preset = Presets.models(spec.preset != null ? spec.preset : Presets.DEFAULT);
    return spec.miner != null ? preset.withMiner("custom", spec.miner) : preset;
  }

  private static TrainingSpec training(FitSettings fit) {
    if (fit == null) {
      return null;
    }
    TrainingSpec defaults = TrainingSpec.defaults();
    TrainingSpec spec =
        defaults
            .withBaseModel(fit.baseModel)
            .withSchedule(
                defaults.optimizer(),
                fit.learningRate != null ? fit.learningRate : defaults.learningRate(),
                fit.epochs != null ? fit.epochs : defaults.epochs(),
                fit.batchSize != null ? fit.batchSize : defaults.batchSize(),
                defaults.warmupSteps());
    return fit.seed != null ? spec.withSeed(fit.seed) : spec;
  }

  private EvaluationSpec evaluation(SynthesisRunSpec spec) {
    if (spec.evaluation == null) {
      return null;
    }
    Path folder = inputs.shared("spec.evaluation.path", spec.evaluation.path);
    if (!Files.exists(folder.resolve("corpus.jsonl"))) {
      throw SpecProblem.invalid(
          "spec.evaluation.path " + folder + " is not a BEIR folder (no corpus.jsonl)");
    }
    String split = spec.evaluation.split != null ? spec.evaluation.split : "test";
    if (!Files.exists(folder.resolve("qrels").resolve(split + ".tsv"))) {
      throw SpecProblem.invalid(
          "spec.evaluation.path " + folder + " has no qrels/" + split + ".tsv");
    }
    List<Integer> ks =
        spec.evaluation.ks != null && !spec.evaluation.ks.isEmpty()
            ? spec.evaluation.ks
            : List.of(10);
    return new EvaluationSpec("beir", folder.toString(), split, ks);
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("synthesisrun-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder under the temp dir; nothing depends on it going
    }
  }
}
