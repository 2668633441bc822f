package dev.finesynth.cli.commands;

import dev.finesynth.cli.input.TextFiles;
import dev.finesynth.cli.input.TextRecord;
import dev.finesynth.cli.kafka.Cluster;
import dev.finesynth.cli.runs.RunDirectory;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.EventLimits;
import dev.finesynth.contracts.validation.InvalidEventException;
import dev.finesynth.encoders.hub.ModelRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
          "Replace the preset's teacher: model references, comma separated (cross-encoders or bi-encoders).")
  List<String> teacher;

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

  @Override
  public Integer call() throws Exception {
    SynthesisModels chosen = models();
    if (numRelations < 2) {
      throw new IllegalArgumentException(
          "--num-relations must be at least 2 (one positive, one negative)");
    }
    List<TextRecord> docs = TextFiles.documents(corpus);
    List<TextRecord> questions = TextFiles.queries(queries);
    EvaluationSpec evaluation = evaluation();
    Cluster connection = cluster.connect();
    String runName = name != null ? name : RunNames.random();
    if (RunDirectory.load(connection).nameTaken(runName)) {
      throw new IllegalArgumentException(
          "the run name '" + runName + "' is already taken; choose another with --name");
    }
    String runId = UUID.randomUUID().toString();
    String corpusId = "corpus-" + fingerprint(docs);
    RunSpec run =
        new RunSpec(
            Event.SCHEMA_VERSION,
            runId,
            runName,
            corpusId,
            chosen,
            numRelations,
            maxQueryLength,
            maxDocumentLength,
            32,
            docs.size(),
            questions.size(),
            fit ? training.spec() : null,
            evaluation,
            Instant.now());
    run.validate(new Checks(EventLimits.DEFAULT));
    List<CorpusDocument> documents = new ArrayList<>();
    docs.forEach(d -> documents.add(CorpusDocument.of(corpusId, d.id(), d.title(), d.text())));
    List<QueryEvent> queryEvents =
        questions.stream().map(q -> QueryEvent.of(runId, q.id(), q.text())).toList();
    try (var publisher = connection.publisher()) {
      publisher.corpus(documents);
      publisher.run(run);
      publisher.event(
          RunEvent.of(
              runId,
              "run",
              RunEventType.CREATED,
              "created: "
                  + queryEvents.size()
                  + " queries, "
                  + documents.size()
                  + " documents, preset "
                  + chosen.preset()));
      publisher.queries(queryEvents);
      publisher.flush();
    }
    if (json()) {
      printJson(
          Map.of(
              "name",
              runName,
              "runId",
              runId,
              "queries",
              queryEvents.size(),
              "documents",
              documents.size()));
    } else {
      out().println(runName);
    }
    return 0;
  }

  private SynthesisModels models() {
    SynthesisModels preset = Presets.models(models);
    String minerModel = miner != null ? check(miner) : preset.miner();
    if (teacher == null || teacher.isEmpty()) {
      return new SynthesisModels(
          miner != null ? "custom" : preset.preset(),
          minerModel,
          preset.teacher(),
          preset.fusion());
    }
    List<ScorerSpec> scorers =
        teacher.stream().map(t -> new ScorerSpec(kind(check(t)), t, 1.0)).toList();
    return new SynthesisModels("custom", minerModel, scorers, "mean");
  }

  private static String kind(String reference) {
    return reference.toLowerCase().contains("cross-encoder") ? "cross-encoder" : "bi-encoder";
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
      throw new InvalidEventException(
          "--eval", eval + " is not a BEIR folder with corpus.jsonl and qrels/test.tsv");
    }
    return new EvaluationSpec("beir", eval.toAbsolutePath().toString(), "test", evalK);
  }

  /** The same documents get the same corpus id, so a corpus is embedded once across runs. */
  private static String fingerprint(List<TextRecord> docs) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (TextRecord d : docs) {
      digest.update(
          (d.id() + "\u0000" + d.title() + "\u0000" + d.text() + "\u0001")
              .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  /** Completion candidates for --models. */
  static class PresetNames extends ArrayList<String> {
    PresetNames() {
      super(new java.util.TreeSet<>(Presets.names()));
    }
  }
}
