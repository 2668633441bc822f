package dev.finesynth.cli.bench;

import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.data.Document;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.metrics.ScoredDoc;
import dev.finesynth.evaluation.retrieval.ExactRetriever;
import dev.finesynth.teacher.Fusion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Teacher strength, measured instead of guessed: each scorer of the presets used as a retriever over
 * the whole corpus, then each fusion of the offline teacher's scorers. Fusions rank the union of
 * the scorers' top-100 lists (a document outside a scorer's top 100 is scored exactly anyway).
 */
@Command(name = "teacher", mixinStandardHelpOptions = true,
    description = "NDCG@10 and recall@10 of every scorer and fusion used as a retriever on a BEIR test split.")
public class BenchTeacherCommand implements Callable<Integer> {
  private static final int DEPTH = 100;

  @Option(names = "--beir", required = true, description = "BEIR folder with qrels/test.tsv.")
  Path beir;

  @Option(names = "--max-length", defaultValue = "256", description = "Tokens per text (default ${DEFAULT-VALUE}).")
  int maxLength;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    EvaluationSet set = BeirLoader.load(beir, "test");
    SynthesisModels teacher = Presets.models("offline");
    String student = teacher.miner();
    Set<String> models = new LinkedHashSet<>();
    models.add(student);
    teacher.teacher().stream().map(ScorerSpec::model).forEach(models::add);
    Presets.models("offline-fast").teacher().stream().map(ScorerSpec::model).forEach(models::add);

    List<String> docIds = new ArrayList<>(set.corpus().documents().keySet());
    List<String> queryIds = new ArrayList<>(set.queries().texts().keySet());
    Map<String, float[][]> scores = new LinkedHashMap<>(); // model -> [query][doc] cosine
    for (String model : models) {
      scores.put(model, similarities(model, set, docIds, queryIds));
      RetrievalReport report = evaluate(set, rank(List.of(scores.get(model)), new double[] {1}, Fusion.MEAN, docIds, queryIds));
      out.printf(Locale.ROOT, "%-34s ndcg@10=%.4f recall@10=%.4f%n", model, report.mean(Metric.NDCG, 10), report.mean(Metric.RECALL, 10));
      out.flush();
    }
    double teacherNdcg = 0;
    for (String preset : List.of("offline-fast", "offline")) {
      SynthesisModels models1 = Presets.models(preset);
      List<float[][]> parts = models1.teacher().stream().map(s -> scores.get(s.model())).toList();
      double[] weights = models1.teacher().stream().mapToDouble(ScorerSpec::weight).toArray();
      for (Fusion fusion : Fusion.values()) {
        RetrievalReport report = evaluate(set, rank(parts, weights, fusion, docIds, queryIds));
        String name = preset + " " + fusion.name().toLowerCase(Locale.ROOT) + "(" + String.join("+",
            models1.teacher().stream().map(ScorerSpec::model).toList()) + ")";
        out.printf(Locale.ROOT, "%-34s ndcg@10=%.4f recall@10=%.4f%n", name, report.mean(Metric.NDCG, 10), report.mean(Metric.RECALL, 10));
        if (preset.equals("offline") && fusion.name().equalsIgnoreCase(teacher.fusion())) {
          teacherNdcg = report.mean(Metric.NDCG, 10);
        }
      }
    }
    double studentNdcg = evaluate(set, rank(List.of(scores.get(student)), new double[] {1}, Fusion.MEAN, docIds, queryIds))
        .mean(Metric.NDCG, 10);
    out.printf(Locale.ROOT, "student_ndcg@10=%.4f teacher_ndcg@10=%.4f%n", studentNdcg, teacherNdcg);
    out.flush();
    return 0;
  }

  private float[][] similarities(String model, EvaluationSet set, List<String> docIds, List<String> queryIds) {
    var options = EncoderOptions.builder().optMaxLength(maxLength).optBackend(Backend.ONNX_RUNTIME).build();
    try (BiEncoder encoder = Encoders.fromEnvironment().biEncoder(model, options)) {
      List<float[]> docs = encoder.encodePassages(docIds.stream().map(set.corpus().documents()::get).map(Document::titleAndText).toList());
      List<float[]> queries = encoder.encodeQueries(queryIds.stream().map(set.queries().texts()::get).toList());
      float[][] out = new float[queries.size()][docs.size()];
      for (int q = 0; q < queries.size(); q++) {
        float[] qv = ExactRetriever.normalized(queries.get(q));
        for (int d = 0; d < docs.size(); d++) {
          float[] dv = docs.get(d);
          float dot = 0;
          float norm = 0;
          for (int i = 0; i < dv.length; i++) {
            dot += qv[i] * dv[i];
            norm += dv[i] * dv[i];
          }
          out[q][d] = (float) (dot / Math.sqrt(norm));
        }
      }
      return out;
    }
  }

  /** Fused rankings over the union of each scorer's top {@value #DEPTH} documents per query. */
  private static Map<String, List<ScoredDoc>> rank(List<float[][]> parts, double[] weights, Fusion fusion,
      List<String> docIds, List<String> queryIds) {
    Map<String, List<ScoredDoc>> run = new HashMap<>();
    for (int q = 0; q < queryIds.size(); q++) {
      Set<Integer> candidates = new LinkedHashSet<>();
      for (float[][] part : parts) {
        candidates.addAll(top(part[q], DEPTH));
      }
      List<Integer> pool = new ArrayList<>(candidates);
      List<double[]> rows = new ArrayList<>();
      for (float[][] part : parts) {
        double[] row = new double[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
          row[i] = part[q][pool.get(i)];
        }
        rows.add(row);
      }
      double[] fused = fusion.fuse(rows, weights);
      List<ScoredDoc> ranked = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        ranked.add(new ScoredDoc(docIds.get(pool.get(i)), fused[i]));
      }
      run.put(queryIds.get(q), ranked);
    }
    return run;
  }

  private static List<Integer> top(float[] scores, int k) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> Float.compare(scores[b], scores[a]));
    return order.subList(0, Math.min(k, order.size()));
  }

  private static RetrievalReport evaluate(EvaluationSet set, Map<String, List<ScoredDoc>> run) {
    return RetrievalEvaluator.builder().optKs(10).build().evaluate(set.qrels().judgments(), run);
  }
}
