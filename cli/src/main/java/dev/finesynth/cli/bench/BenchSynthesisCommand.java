package dev.finesynth.cli.bench;

import dev.finesynth.cli.FinesynthHome;
import dev.finesynth.cli.stack.ReplicaOptions;
import dev.finesynth.cli.stack.StackSession;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.TextFiles;
import dev.finesynth.client.TextRecord;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.evaluation.retrieval.ExactRetriever;
import dev.finesynth.teacher.EncoderSource;
import dev.finesynth.teacher.Teacher;
import dev.finesynth.teacher.Teachers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Throughput of synthesis: each stage's model alone in this JVM, then the same work end to end
 * through Kafka and the services (after a warm-up run has indexed the corpus, so that only query
 * mining, scoring and the sink are timed).
 */
@Command(
    name = "synthesis",
    mixinStandardHelpOptions = true,
    description =
        "Queries/s mined, pairs/s scored and triplets/s end to end through Kafka, against each stage alone.")
public class BenchSynthesisCommand implements Callable<Integer> {
  @Option(
      names = "--beir",
      required = true,
      description = "BEIR folder: its corpus and train queries are used.")
  Path beir;

  @Option(
      names = "--queries",
      defaultValue = "100",
      description = "Queries timed end to end (default ${DEFAULT-VALUE}).")
  int queryCount;

  @Option(names = "--num-relations", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.")
  int numRelations;

  @Option(
      names = "--models",
      defaultValue = Presets.DEFAULT,
      description = "Preset (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--keep", description = "Leave the local stack running.")
  boolean keep;

  @Mixin ReplicaOptions replicas = new ReplicaOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<TextRecord> documents = TextFiles.documents(beir);
    List<TextRecord> queries = TextFiles.queries(beir);
    List<TextRecord> timed = queries.subList(0, Math.min(queryCount, queries.size()));
    SynthesisModels models = Presets.models(preset);

    double minerQps = minerAlone(models.miner(), timed, documents.size());
    double scorerRps = scorerAlone(models, timed, documents);
    double minerTps = minerQps * (numRelations - 1);
    double scorerTps = scorerRps * (numRelations - 1);
    out.printf(Locale.ROOT, "miner alone:  %.1f queries/s (%.1f triplets/s)%n", minerQps, minerTps);
    out.printf(
        Locale.ROOT,
        "scorer alone: %.1f pairs/s (%.1f triplets/s)%n",
        scorerRps * numRelations,
        scorerTps);
    out.flush();

    try (StackSession session = StackSession.open(FinesynthHome.root(), replicas, keep, out)) {
      FinesynthClient client = FinesynthClient.connect(session.connection(), Topics.DEFAULT_PREFIX);
      out.println("[bench] warm-up run: the miner indexes the corpus");
      out.flush();
      String warmup = client.startRun(request(queries.subList(0, 1), documents, models));
      if (client.follow(warmup, e -> {}) != RunStatus.FINISHED) {
        throw new IllegalStateException(
            "the warm-up run did not finish: " + client.run(warmup).failureReason());
      }
      Instant start = Instant.now();
      String name = client.startRun(request(timed, documents, models));
      List<RunEvent> events = new ArrayList<>();
      RunStatus status = client.follow(name, events::add);
      Instant end =
          events.stream()
              .filter(e -> e.type() == RunEventType.COMPLETED && e.stage().equals("dataset"))
              .map(RunEvent::timestamp)
              .findFirst()
              .orElse(Instant.now());
      double seconds = Duration.between(start, end).toMillis() / 1000.0;
      double endToEnd = timed.size() * (numRelations - 1) / seconds;
      out.printf(
          Locale.ROOT,
          "end to end:   %.1f queries/s mined, %.1f pairs/s scored, %.1f triplets/s (%d triplets in %.1f s, %s)%n",
          timed.size() / seconds,
          timed.size() * numRelations / seconds,
          endToEnd,
          timed.size() * (numRelations - 1),
          seconds,
          status);
      out.printf(Locale.ROOT, "pipeline_ratio=%.3f%n", endToEnd / Math.min(minerTps, scorerTps));
      out.flush();
      return status == RunStatus.FINISHED ? 0 : 1;
    }
  }

  private RunRequest request(
      List<TextRecord> queries, List<TextRecord> documents, SynthesisModels models) {
    return RunRequest.builder()
        .setQueries(queries)
        .setDocuments(documents)
        .optModels(models)
        .optNumRelations(numRelations)
        .build();
  }

  /** Query encoding plus exact search over a corpus-sized index (its vectors need not be real). */
  private static double minerAlone(String miner, List<TextRecord> queries, int corpusSize) {
    // the backend the services use: ONNX Runtime where the model has an ONNX file
    try (BiEncoder encoder = Encoders.fromEnvironment().inferenceBiEncoder(miner, 64)) {
      List<String> texts = queries.stream().map(TextRecord::text).toList();
      encoder.encodeQueries(texts.subList(0, Math.min(8, texts.size()))); // warm-up
      Random random = new Random(1);
      List<String> ids = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      for (int i = 0; i < corpusSize; i++) {
        float[] v = new float[encoder.dimension()];
        for (int d = 0; d < v.length; d++) {
          v[d] = (float) random.nextGaussian();
        }
        ids.add("d" + i);
        vectors.add(ExactRetriever.normalized(v));
      }
      ExactRetriever index = new ExactRetriever(ids, vectors);
      long start = System.nanoTime();
      for (float[] q : encoder.encodeQueries(texts)) {
        index.search(q, 15);
      }
      return texts.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The preset's teacher on realistic relations: each query with {@code n} corpus documents. */
  private double scorerAlone(
      SynthesisModels models, List<TextRecord> queries, List<TextRecord> documents) {
    List<Relation> relations = new ArrayList<>();
    Random random = new Random(2);
    for (TextRecord q : queries.subList(0, Math.min(24, queries.size()))) {
      List<RelatedDocument> docs = new ArrayList<>();
      for (int r = 1; r <= numRelations; r++) {
        TextRecord d = documents.get(random.nextInt(documents.size()));
        // the miner sends each candidate's BM25 score along; a BM25 teacher only reads it
        double lexicalScore = 20 * random.nextDouble();
        docs.add(
            new RelatedDocument(
                d.id(),
                d.title().isBlank() ? d.text() : d.title() + " " + d.text(),
                r,
                0,
                lexicalScore));
      }
      relations.add(Relation.of("bench", q.id(), q.text(), docs));
    }
    Encoders encoders = Encoders.fromEnvironment();
    List<AutoCloseable> opened = new ArrayList<>();
    EncoderSource source =
        new EncoderSource() {
          @Override
          public BiEncoder biEncoder(String reference, int maxLength) {
            BiEncoder e = encoders.inferenceBiEncoder(reference, maxLength);
            opened.add(e);
            return e;
          }

          @Override
          public CrossEncoder crossEncoder(String reference, int maxLength) {
            CrossEncoder e = encoders.inferenceCrossEncoder(reference, maxLength);
            opened.add(e);
            return e;
          }
        };
    try {
      Teacher teacher = Teachers.fromSpec(models, 256, source);
      teacher.score(relations.subList(0, 2)); // warm-up
      long start = System.nanoTime();
      teacher.score(relations);
      return relations.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing a model cannot fail in a way that matters here
        }
      }
    }
  }
}
