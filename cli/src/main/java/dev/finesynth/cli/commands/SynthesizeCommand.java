package dev.finesynth.cli.commands;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.TextFiles;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.EventLimits;
import dev.finesynth.contracts.validation.InvalidEventException;
import dev.finesynth.encoders.hub.ModelRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "synthesize",
    mixinStandardHelpOptions = true,
    description =
        "Upload queries and a corpus, start a synthesis run (and optionally fine-tuning), print its name.")
public class SynthesizeCommand extends ClusterCommand {
  @Option(
      names = "--queries",
      required = true,
      description = "Queries: JSONL, CSV/TSV, text lines, or a BEIR folder (its train split).")
  Path queries;

  @Option(
      names = "--corpus",
      required = true,
      description = "Documents: JSONL, CSV/TSV, text lines, or a BEIR folder.")
  Path corpus;

  @Option(
      names = "--models",
      defaultValue = Presets.DEFAULT,
      description = "Preset (${COMPLETION-CANDIDATES}) (default ${DEFAULT-VALUE}).",
      completionCandidates = PresetNames.class)
  String models;

  @Option(names = "--miner", description = "Replace the preset's miner with this model reference.")
  String miner;

  @Option(
      names = "--teacher",
      split = ",",
      description =
          "Replace the preset's teacher: model references (cross-encoders or bi-encoders) or bm25, comma separated.")
  List<String> teacher;

  @Option(
      names = "--fusion",
      description =
          "How the teacher's scorers combine: mean, zscore or rrf (default: the preset's; rrf for a"
              + " --teacher with bm25, else mean).")
  String fusion;

  @Option(
      names = "--lexical-share",
      description =
          "Share of each query's candidates mined with BM25 instead of the dense index, 0 to 1"
              + " (default: the preset's).")
  Double lexicalShare;

  @Option(
      names = "--positive",
      description =
          "Who picks the positive: miner (its top hit) or teacher (default: the preset's).")
  String positive;

  @Option(
      names = "--label-scale",
      description =
          "Stretch each query's teacher labels around their mean by this factor, to match the"
              + " student's score spread (default: the preset's).")
  Double labelScale;

  @Mixin FeedbackOption feedback = new FeedbackOption();

  @Mixin PseudoQueryOption pseudoQueries = new PseudoQueryOption();

  @Option(
      names = "--skip-bad-records",
      description =
          "Leave out records of the run that cannot be read and finish without them (by default"
              + " the run fails naming them).")
  boolean skipBadRecords;

  @Option(
      names = "--num-relations",
      defaultValue = "10",
      description =
          "Documents mined per query: 1 positive + N-1 negatives (default ${DEFAULT-VALUE}).")
  int numRelations;

  @Option(names = "--name", description = "Unique run name (default: generated).")
  String name;

  @Option(
      names = "--max-query-length",
      defaultValue = "64",
      description = "Tokens per query (default ${DEFAULT-VALUE}).")
  int maxQueryLength;

  @Option(
      names = "--max-document-length",
      defaultValue = "256",
      description = "Tokens per document (default ${DEFAULT-VALUE}).")
  int maxDocumentLength;

  @Option(
      names = "--fit",
      description = "Fine-tune the miner model on the dataset once it is complete.")
  boolean fit;

  @ArgGroup(exclusive = false, heading = "Training options (with --fit):%n")
  TrainingOptions training = new TrainingOptions();

  @Option(
      names = "--eval",
      description =
          "Held-out data to evaluate before and after training: a BEIR folder (its test split).")
  Path eval;

  @Option(
      names = "--eval-k",
      split = ",",
      defaultValue = "10",
      description = "Metric cut-offs (default ${DEFAULT-VALUE}).")
  List<Integer> evalK;

  @Option(
      names = "--wait",
      description =
          "Wait for the run to end, showing its progress; the exit code is then the run's (0"
              + " FINISHED, 1 FAILED/CANCELLED).")
  boolean waitForEnd;

  @Override
  public Integer call() throws Exception {
    RunRequest request =
        pseudoQueries
            .applyTo(RunRequest.builder())
            .setQueries(TextFiles.queries(queries))
            .setDocuments(TextFiles.documents(corpus))
            .optName(name)
            .optModels(models())
            .optNumRelations(numRelations)
            .optMaxLengths(maxQueryLength, maxDocumentLength)
            .optTraining(fit ? training.spec() : null)
            .optEvaluation(evaluation())
            .optSkipBadRecords(skipBadRecords)
            .build();
    FinesynthClient client = cluster.client();
    String runName = client.startRun(request);
    if (!json()) {
      out().println(runName); // first, so a script reading one line gets the name at once
      out().flush();
    }
    RunStatus status = waitForEnd ? await(client, runName) : null;
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("name", runName);
      result.put("queries", request.queries().size());
      result.put("documents", request.documents().size());
      if (status != null) {
        result.put("status", status);
      }
      printJson(result);
    } else if (status != null) {
      out().println("status: " + status);
    }
    return status == null ? 0 : StatusCommand.exitCode(status);
  }

  private SynthesisModels models() {
    SynthesisModels preset = Presets.models(models);
    String minerModel = miner != null ? check(miner) : preset.miner();
    SynthesisModels chosen;
    if (teacher == null || teacher.isEmpty()) {
      chosen = preset.withMiner(miner != null ? "custom" : preset.preset(), minerModel);
    } else {
      List<ScorerSpec> scorers =
          teacher.stream()
              .map(
                  t ->
                      t.equalsIgnoreCase(ScorerSpec.BM25)
                          ? ScorerSpec.bm25()
                          : new ScorerSpec(kind(check(t)), t, 1.0))
              .toList();
      boolean lexical = scorers.stream().anyMatch(s -> s.kind().equals(ScorerSpec.BM25));
      chosen =
          new SynthesisModels(
              "custom",
              minerModel,
              scorers,
              lexical ? "rrf" : "mean",
              preset.lexicalShare(),
              preset.positive(),
              null); // the preset's label scale fits its own teacher only
    }
    if (fusion != null) {
      chosen = chosen.withFusion(fusion);
    }
    if (lexicalShare != null || positive != null) {
      chosen =
          chosen.withMining(
              lexicalShare != null ? lexicalShare : chosen.lexicalShare(),
              positive != null ? positive : chosen.positive());
    }
    if (labelScale != null) {
      chosen = chosen.withLabelScale(labelScale);
    }
    chosen = feedback.applyTo(chosen);
    try {
      chosen.validate(new Checks(EventLimits.DEFAULT));
    } catch (InvalidEventException e) {
      throw new ParameterException(spec.commandLine(), "bad model settings: " + e.getMessage());
    }
    return chosen;
  }

  private static String kind(String reference) {
    return reference.toLowerCase().contains("cross-encoder")
        ? ScorerSpec.CROSS_ENCODER
        : ScorerSpec.BI_ENCODER;
  }

  /** Fails early on a model reference the encoders library cannot read, listing valid names. */
  private static String check(String reference) {
    ModelRef.parse(reference);
    return reference;
  }

  private EvaluationSpec evaluation() {
    if (eval == null) {
      return null;
    }
    if (!Files.exists(eval.resolve("qrels/test.tsv"))
        || !Files.exists(eval.resolve("corpus.jsonl"))) {
      throw new IllegalArgumentException(
          "--eval " + eval + " is not a BEIR folder with corpus.jsonl and qrels/test.tsv");
    }
    return new EvaluationSpec("beir", eval.toAbsolutePath().toString(), "test", evalK);
  }

  /** Completion candidates for --models. */
  static class PresetNames extends ArrayList<String> {
    PresetNames() {
      super(new java.util.TreeSet<>(Presets.names()));
    }
  }
}
