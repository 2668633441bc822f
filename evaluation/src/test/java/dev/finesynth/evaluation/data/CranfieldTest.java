package dev.finesynth.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.metrics.ScoredDoc;
import dev.finesynth.evaluation.retrieval.ExactRetriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared Cranfield collection in BEIR layout; skipped when ../shared/datasets is absent. */
class CranfieldTest {
  private static final int DIM = 4096;

  @Test
  void splitsMatchTheDatasetNotes() throws IOException {
    Path folder = dev.finesynth.testing.Datasets.require("cranfield-beir");
    EvaluationSet test = BeirLoader.load(folder, "test");
    EvaluationSet train = BeirLoader.load(folder, "train");

    // the notes say 1,400 documents; two Cranfield records (471, 995) are empty and absent
    assertThat(test.corpus().size()).isEqualTo(1398);
    assertThat(test.queries().size()).isEqualTo(112);
    assertThat(test.qrels().size()).isEqualTo(754);
    assertThat(test.qrels().outside(test.corpus())).isZero();
    assertThat(train.queries().size()).isEqualTo(113);
    assertThat(train.qrels().size()).isEqualTo(858);
    assertThat(train.qrels().outside(train.corpus())).isEqualTo(1); // query 125 -> document 995
    assertThat(test.queries().texts().keySet())
        .doesNotContainAnyElementsOf(train.queries().texts().keySet());
  }

  @Test
  void judgmentsAsARunScorePerfectly() throws IOException {
    EvaluationSet test =
        BeirLoader.load(dev.finesynth.testing.Datasets.require("cranfield-beir"), "test");
    Map<String, List<String>> oracle = new HashMap<>();
    test.qrels().judgments().forEach((q, docs) -> oracle.put(q, List.copyOf(docs.keySet())));
    RetrievalReport r =
        RetrievalEvaluator.builder()
            .optKs(1000)
            .build()
            .evaluateRanked(test.qrels().judgments(), oracle);
    assertThat(r.evaluatedQueries()).isEqualTo(112);
    assertThat(r.skippedQueries()).isZero();
    assertThat(r.mean(Metric.NDCG, 1000)).isCloseTo(1.0, within(1e-12));
    assertThat(r.mean(Metric.RECALL, 1000)).isCloseTo(1.0, within(1e-12));
  }

  /**
   * End to end on real data without an encoder: hashed TF-IDF vectors through the exact retriever.
   * A lexical baseline lands near BM25's 0.37 NDCG@10 from the dataset notes; this only checks that
   * ids, vectors and judgments line up, the encoder figures are checked where the encoders are.
   */
  @Test
  void lexicalBaselineEndToEnd() throws IOException {
    EvaluationSet test =
        BeirLoader.load(dev.finesynth.testing.Datasets.require("cranfield-beir"), "test");
    Map<String, Integer> documentFrequency = new HashMap<>();
    List<String> ids = new ArrayList<>(test.corpus().documents().keySet());
    List<List<String>> docTokens = new ArrayList<>();
    for (Document doc : test.corpus().documents().values()) {
      List<String> tokens = tokens(doc.titleAndText());
      docTokens.add(tokens);
      tokens.stream().distinct().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
    }
    List<float[]> vectors = new ArrayList<>();
    docTokens.forEach(t -> vectors.add(tfIdf(t, documentFrequency, ids.size())));
    Map<String, float[]> queries = new LinkedHashMap<>();
    test.queries()
        .texts()
        .forEach((id, text) -> queries.put(id, tfIdf(tokens(text), documentFrequency, ids.size())));

    Map<String, List<ScoredDoc>> run = new ExactRetriever(ids, vectors).search(queries, 100);
    RetrievalReport r =
        RetrievalEvaluator.builder().optKs(10, 100).build().evaluate(test.qrels().judgments(), run);

    System.out.printf("cranfield test, hashed tf-idf: %s%n", r.means());
    assertThat(r.evaluatedQueries()).isEqualTo(112);
    assertThat(r.mean(Metric.NDCG, 10)).isBetween(0.25, 0.5);
    assertThat(r.mean(Metric.RECALL, 100)).isGreaterThan(r.mean(Metric.RECALL, 10));
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String token : text.toLowerCase().split("[^a-z0-9]+")) {
      if (token.length() > 2) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  private static float[] tfIdf(List<String> tokens, Map<String, Integer> df, int n) {
    float[] v = new float[DIM];
    for (String token : tokens) {
      double idf = Math.log((n + 1.0) / (df.getOrDefault(token, 0) + 1.0));
      v[Math.floorMod(token.hashCode(), DIM)] += (float) idf;
    }
    return ExactRetriever.normalized(v);
  }
}
