package dev.finesynth.evaluation.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.evaluation.data.Corpus;
import dev.finesynth.evaluation.data.Document;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.data.Qrels;
import dev.finesynth.evaluation.data.Queries;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.testing.BagOfWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {
  static EvaluationSet set() {
    Map<String, Document> docs = new LinkedHashMap<>();
    docs.put("a", new Document("a", "Charger", "wall plug"));
    docs.put("b", new Document("b", "", "cable for charger"));
    docs.put("c", new Document("c", "Headphones", "over ear"));
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("q1", "charger plug");
    queries.put("q2", "quiet headphones");
    queries.put("q3", "cable");
    return new EvaluationSet(
        new Corpus(docs),
        new Queries(queries),
        new Qrels(Map.of("q1", Map.of("b", 1), "q2", Map.of("c", 1))));
  }

  @Test
  void documentsAreTitlePlusTextInCorpusOrder() {
    List<String> seen = new ArrayList<>();
    ExactRetriever index =
        ModelEvaluator.index(
            set().corpus(),
            texts -> {
              seen.addAll(texts);
              return BagOfWords.encode(texts);
            });

    assertThat(seen)
        .containsExactly("Charger wall plug", "cable for charger", "Headphones over ear");
    assertThat(index.size()).isEqualTo(3);
    // "headphones" is only in c's title
    assertThat(index.search(BagOfWords.encode(List.of("headphones")).get(0), 1).get(0).docId())
        .isEqualTo("c");
  }

  @Test
  void everyJudgedQueryIsRankedAgainstTheWholeCorpusAtEachCutoff() {
    EvaluationSet set = set();
    RetrievalReport report =
        ModelEvaluator.evaluate(
            ModelEvaluator.index(set.corpus(), BagOfWords::encode),
            BagOfWords::encode,
            set,
            List.of(2, 1));

    // q1 ranks a, then its relevant b; q2 finds c first; q3 has no judgment
    assertThat(report.evaluatedQueries()).isEqualTo(2);
    assertThat(report.skippedQueries()).isEqualTo(1);
    assertThat(report.ks()).containsExactly(1, 2);
    assertThat(report.mean(Metric.RECALL, 1)).isCloseTo(0.5, within(1e-9));
    assertThat(report.mean(Metric.RECALL, 2)).isCloseTo(1.0, within(1e-9));
    assertThat(report.mean(Metric.HIT, 1)).isCloseTo(0.5, within(1e-9));
    assertThat(report.mean(Metric.MRR, 2)).isCloseTo(0.75, within(1e-9));
    assertThat(report.value("q2", Metric.NDCG, 1)).isCloseTo(1.0, within(1e-9));
    for (Metric metric : Metric.values()) {
      assertThat(report.means()).containsKeys(metric.at(1), metric.at(2));
    }
  }

  @Test
  void anEmptyCorpusScoresZeroWithoutCallingTheModel() {
    EvaluationSet set =
        new EvaluationSet(
            new Corpus(Map.of()),
            new Queries(Map.of("q1", "charger")),
            new Qrels(Map.of("q1", Map.of("a", 1))));
    ExactRetriever index =
        ModelEvaluator.index(
            set.corpus(),
            texts -> {
              throw new AssertionError("no documents to embed");
            });

    RetrievalReport report = ModelEvaluator.evaluate(index, BagOfWords::encode, set, List.of(10));

    assertThat(report.mean(Metric.NDCG, 10)).isZero();
    assertThat(report.evaluatedQueries()).isEqualTo(1);
  }
}
