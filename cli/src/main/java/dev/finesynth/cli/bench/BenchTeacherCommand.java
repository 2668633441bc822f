package dev.finesynth.cli.bench;

import dev.finesynth.cli.FinesynthHome;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.data.Document;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.teacher.Fusion;
import dev.finesynth.teacher.Triplets;
import dev.finesynth.teacher.lexical.Bm25Params;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Teacher strength, measured instead of guessed, on a BEIR test split over the whole corpus: each
 * scorer used as a retriever (bi-encoders by exact search, BM25 by its index), then every fusion of
 * the offline candidates (mean, zscore, rrf). A fusion ranks, per query, the union of its scorers'
 * top-100 lists, each pooled document scored exactly by every scorer. Then the synthesis step on
 * the same judged queries (the {@code offline} teacher on dense or hybrid candidates, the miner's
 * or the teacher's positive, with and without feedback), with NDCG@10 of the candidates in the
 * miner's order and in the teacher's: how much better the teacher ranks what it labels. Last the
 * line {@code student_ndcg@10=<x> teacher_ndcg@10=<y>}: the student is the presets' miner, the
 * teacher the {@code offline} preset's.
 */
@Command(
    name = "teacher",
    mixinStandardHelpOptions = true,
    description =
        "NDCG@10 and recall@10 of every scorer and fusion used as a retriever on a BEIR test split.")
public class BenchTeacherCommand implements Callable<Integer> {
  static final String BM25 = ScorerSpec.BM25;
  private static final int DEPTH = 100;
  private static final String STUDENT = "all-minilm-l6-v2";
  private static final List<String> DENSE = List.of(STUDENT, "bge-small-en-v1.5", "e5-small-v2");

  @Option(names = "--beir", required = true, description = "BEIR folder with qrels/test.tsv.")
  Path beir;

  @Option(
      names = "--max-length",
      defaultValue = "256",
      description = "Tokens per text (default ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--k1", defaultValue = "0.9", description = "BM25 k1 (default ${DEFAULT-VALUE}).")
  float k1;

  @Option(names = "--b", defaultValue = "0.4", description = "BM25 b (default ${DEFAULT-VALUE}).")
  float b;

  @Option(
      names = "--num-relations",
      defaultValue = "10",
      description = "Candidates per query in the synthesis check (default ${DEFAULT-VALUE}).")
  int numRelations;

  @Option(
      names = "--cache",
      description = "Folder for document vectors (default .finesynth/cache/bench-teacher).")
  Path cache;

  @Spec CommandSpec spec;

  private PrintWriter out;
  private EvaluationSet set;
  private List<String> queryIds;
  private List<String> docIds;
  private final Map<String, float[][]> tables = new LinkedHashMap<>();
  private final Map<String, List<float[]>> documents = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    set = BeirLoader.load(beir, "test");
    queryIds = new ArrayList<>(set.queries().texts().keySet());
    docIds = new ArrayList<>(set.corpus().documents().keySet());
    List<String> queries = queryIds.stream().map(set.queries().texts()::get).toList();
    List<String> passages =
        docIds.stream().map(set.corpus().documents()::get).map(Document::titleAndText).toList();
    Path vectors =
        cache != null
            ? cache
            : FinesynthHome.root().resolve(".finesynth").resolve("cache").resolve("bench-teacher");
    out.printf(
        Locale.ROOT,
        "# %s: %d test queries, %d documents; fusions rank the union of each scorer's top %d%n",
        beir.getFileName(),
        queries.size(),
        docIds.size(),
        DEPTH);
    for (String model : DENSE) {
      tables.put(model, ScoreTables.dense(model, maxLength, queries, passages, vectors));
      documents.put(model, ScoreTables.documents(model, maxLength, passages, vectors));
      print(model, List.of(model), Fusion.MEAN);
    }
    tables.put(BM25, ScoreTables.bm25(new Bm25Params(k1, b), queries, docIds, passages));
    print("bm25 (k1 " + k1 + ", b " + b + ")", List.of(BM25), Fusion.MEAN);

    List<List<String>> ensembles =
        List.of(
            List.of("bge-small-en-v1.5", "e5-small-v2"),
            List.of(BM25, "bge-small-en-v1.5", "e5-small-v2"),
            List.of("bge-small-en-v1.5", "e5-small-v2", STUDENT),
            List.of(BM25, "bge-small-en-v1.5", "e5-small-v2", STUDENT));
    for (List<String> parts : ensembles) {
      for (Fusion fusion : Fusion.values()) {
        print(fusion.specName() + "(" + String.join("+", parts) + ")", parts, fusion);
      }
    }
    for (String preset : List.of("offline-fast", "offline")) {
      SynthesisModels models = Presets.models(preset);
      print(
          "preset " + preset + ": " + describe(models),
          parts(models),
          weights(models),
          Fusion.of(models.fusion()));
    }

    synthesisCheck();

    double student =
        evaluate(List.of(STUDENT), new double[] {1}, Fusion.MEAN).mean(Metric.NDCG, 10);
    SynthesisModels offline = Presets.models("offline");
    double teacher =
        evaluate(parts(offline), weights(offline), Fusion.of(offline.fusion()))
            .mean(Metric.NDCG, 10);
    out.printf(Locale.ROOT, "student_ndcg@10=%.4f teacher_ndcg@10=%.4f%n", student, teacher);
    out.flush();
    return 0;
  }

  /** The synthesis step on the judged test queries, per mining and positive setting. */
  private void synthesisCheck() {
    out.printf(
        Locale.ROOT,
        "# synthesis on the same queries, %d candidates: share of relevant positives and"
            + " negatives, margin mean/sd, the student's own cosine margin sd on those pairs, and"
            + " NDCG@10 of the candidates in the miner's and in the teacher's order%n",
        numRelations);
    List<SynthesisModels> settings = new ArrayList<>();
    SynthesisModels fast = Presets.models("offline-fast");
    SynthesisModels offline = Presets.models("offline");
    settings.add(fast);
    for (double share : List.of(0.0, 0.3, 0.5)) {
      for (String positive : List.of("miner", "teacher")) {
        settings.add(offline.withMining(share, positive));
      }
    }
    settings.add(offline);
    settings.add(offline.withFeedback(0.5));
    for (SynthesisModels models : settings) {
      List<MiningCheck.Part> teacher = new ArrayList<>();
      for (ScorerSpec scorer : models.teacher()) {
        String key = key(scorer);
        teacher.add(
            new MiningCheck.Part(
                tables.get(key), documents.get(key), scorer.weight(), key.equals(BM25)));
      }
      MiningCheck.Result r =
          MiningCheck.run(
              tables.get(models.miner()),
              tables.get(BM25),
              teacher,
              Fusion.of(models.fusion()),
              models.labelScaleOrDefault(),
              models.feedbackOrDefault(),
              numRelations,
              models.lexicalShareOrDefault(),
              Triplets.Positive.of(models.positiveOrDefault()),
              queryIds,
              docIds,
              set.qrels().judgments());
      out.printf(
          Locale.ROOT,
          "%-68s positive_relevant=%.4f negative_relevant=%.4f margin=%.4f/%.4f"
              + " student_margin_sd=%.4f candidates_ndcg@10 miner=%.4f teacher=%.4f%n",
          String.format(
              Locale.ROOT,
              "%s %s lexical=%.1f positive=%s feedback=%.1f",
              models == offline
                  ? "preset offline:"
                  : models == fast ? "preset offline-fast:" : "offline teacher",
              models.fusion(),
              models.lexicalShareOrDefault(),
              models.positiveOrDefault(),
              models.feedbackOrDefault()),
          r.positiveRelevant(),
          r.negativeRelevant(),
          r.marginMean(),
          r.marginSd(),
          r.studentMarginSd(),
          r.minerNdcg(),
          r.teacherNdcg());
    }
  }

  private void print(String name, List<String> parts, Fusion fusion) {
    print(name, parts, equalWeights(parts.size()), fusion);
  }

  private void print(String name, List<String> parts, double[] weights, Fusion fusion) {
    RetrievalReport report = evaluate(parts, weights, fusion);
    out.printf(
        Locale.ROOT,
        "%-58s ndcg@10=%.4f recall@10=%.4f%n",
        name,
        report.mean(Metric.NDCG, 10),
        report.mean(Metric.RECALL, 10));
    out.flush();
  }

  private RetrievalReport evaluate(List<String> parts, double[] weights, Fusion fusion) {
    var run =
        PooledFusion.rank(
            parts.stream().map(tables::get).toList(), weights, fusion, DEPTH, queryIds, docIds);
    return RetrievalEvaluator.builder().optKs(10).build().evaluate(set.qrels().judgments(), run);
  }

  private static List<String> parts(SynthesisModels models) {
    return models.teacher().stream().map(BenchTeacherCommand::key).toList();
  }

  private static double[] weights(SynthesisModels models) {
    return models.teacher().stream().mapToDouble(ScorerSpec::weight).toArray();
  }

  private static String key(ScorerSpec scorer) {
    if (scorer.kind().equals(ScorerSpec.CROSS_ENCODER)) {
      throw new IllegalArgumentException("the bench measures bundled bi-encoders and BM25 only");
    }
    return scorer.kind().equals(BM25) ? BM25 : scorer.model();
  }

  private static String describe(SynthesisModels models) {
    return models.fusion() + "(" + String.join("+", parts(models)) + ")";
  }

  private static double[] equalWeights(int n) {
    double[] weights = new double[n];
    java.util.Arrays.fill(weights, 1);
    return weights;
  }
}
