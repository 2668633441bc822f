package dev.finesynth.cli.bench;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.ScoredDoc;
import dev.finesynth.teacher.Bm25Scorer;
import dev.finesynth.teacher.Fusion;
import dev.finesynth.teacher.Scorer;
import dev.finesynth.teacher.Teacher;
import dev.finesynth.teacher.Triplets;
import dev.finesynth.teacher.lexical.HybridCandidates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The synthesis step on judged queries: mine candidates as the miner does (dense top hits of the
 * student, plus BM25 hits for a lexical share), label them with a teacher through the real {@link
 * Teacher} and {@link Triplets}, and measure the triplets against the judgments: how often the
 * positive is relevant, how often a negative is, and the size of the margins next to the student's
 * own cosine margins over the same pairs.
 */
final class MiningCheck {
  private static final int SPARE = 5;

  /**
   * A teacher scorer backed by a score table: bi-encoders (cosine scale, with their document
   * vectors for feedback) or BM25 (no vectors).
   */
  record Part(float[][] table, List<float[]> documents, double weight, boolean bm25) {}

  /**
   * @param minerNdcg NDCG@10 of the candidates in the miner's cosine order
   * @param teacherNdcg NDCG@10 of the candidates in the teacher's label order
   */
  record Result(
      double minerNdcg,
      double teacherNdcg,
      double positiveRelevant,
      double negativeRelevant,
      double marginMean,
      double marginSd,
      double studentMarginSd) {}

  static Result run(
      float[][] student,
      float[][] bm25,
      List<Part> teacher,
      Fusion fusion,
      double labelScale,
      double feedback,
      int numRelations,
      double lexicalShare,
      Triplets.Positive positive,
      List<String> queryIds,
      List<String> docIds,
      Map<String, Map<String, Integer>> qrels) {
    Map<String, Integer> docIndex = new HashMap<>();
    for (int d = 0; d < docIds.size(); d++) {
      docIndex.put(docIds.get(d), d);
    }
    int slots = HybridCandidates.lexicalSlots(numRelations, lexicalShare);
    List<Relation> relations = new ArrayList<>();
    for (int q = 0; q < queryIds.size(); q++) {
      final int row = q;
      List<String> dense = ids(PooledFusion.top(student[q], numRelations + SPARE), docIds);
      List<String> lexical =
          ids(PooledFusion.top(bm25[q], numRelations + SPARE), docIds).stream()
              .filter(id -> bm25[row][docIndex.get(id)] > 0)
              .toList();
      List<RelatedDocument> docs = new ArrayList<>();
      for (String id : HybridCandidates.merge(dense, lexical, numRelations, slots)) {
        int d = docIndex.get(id);
        docs.add(
            new RelatedDocument(
                id, "doc " + id, docs.size() + 1, student[q][d], (double) bm25[q][d]));
      }
      relations.add(Relation.of("bench", queryIds.get(q), "query " + queryIds.get(q), docs));
    }
    List<Scorer> scorers = new ArrayList<>();
    double[] weights = new double[teacher.size()];
    for (int s = 0; s < teacher.size(); s++) {
      Part part = teacher.get(s);
      weights[s] = part.weight();
      scorers.add(part.bm25() ? new Bm25Scorer() : tableScorer(part, docIndex));
    }
    List<double[]> labels =
        new Teacher(scorers, weights, fusion, labelScale, feedback, "bench").score(relations);
    List<Triplet> triplets = Triplets.from(relations, labels, positive);
    List<double[]> minerScores =
        relations.stream()
            .map(r -> r.documents().stream().mapToDouble(RelatedDocument::minerScore).toArray())
            .toList();
    return measure(
        ndcg(relations, minerScores, qrels),
        ndcg(relations, labels, qrels),
        triplets,
        student,
        queryIds,
        docIndex,
        qrels);
  }

  /** NDCG@10 of each relation's candidates ranked by {@code scores}. */
  private static double ndcg(
      List<Relation> relations, List<double[]> scores, Map<String, Map<String, Integer>> qrels) {
    Map<String, List<ScoredDoc>> run = new HashMap<>();
    for (int r = 0; r < relations.size(); r++) {
      List<RelatedDocument> docs = relations.get(r).documents();
      List<ScoredDoc> ranked = new ArrayList<>(docs.size());
      for (int d = 0; d < docs.size(); d++) {
        ranked.add(new ScoredDoc(docs.get(d).docId(), scores.get(r)[d]));
      }
      run.put(relations.get(r).queryId(), ranked);
    }
    return RetrievalEvaluator.builder()
        .optKs(10)
        .build()
        .evaluate(qrels, run)
        .mean(Metric.NDCG, 10);
  }

  /** Scores relation {@code r} from row {@code r}: one relation per query, in query order. */
  private static Scorer tableScorer(Part part, Map<String, Integer> docIndex) {
    float[][] table = part.table();
    return new Scorer() {
      @Override
      public List<double[]> score(List<Relation> relations) {
        List<double[]> rows = new ArrayList<>(relations.size());
        for (int r = 0; r < relations.size(); r++) {
          float[] scores = table[r];
          rows.add(
              relations.get(r).documents().stream()
                  .mapToDouble(doc -> scores[docIndex.get(doc.docId())])
                  .toArray());
        }
        return rows;
      }

      @Override
      public boolean cosineScale() {
        return true;
      }

      @Override
      public Optional<List<double[][]>> documentSimilarities(List<Relation> relations) {
        List<double[][]> matrices = new ArrayList<>(relations.size());
        for (Relation relation : relations) {
          List<float[]> vectors =
              relation.documents().stream()
                  .map(doc -> part.documents().get(docIndex.get(doc.docId())))
                  .toList();
          double[][] matrix = new double[vectors.size()][vectors.size()];
          for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix.length; j++) {
              matrix[i][j] = ScoreTables.dot(vectors.get(i), vectors.get(j));
            }
          }
          matrices.add(matrix);
        }
        return Optional.of(matrices);
      }
    };
  }

  private static Result measure(
      double minerNdcg,
      double teacherNdcg,
      List<Triplet> triplets,
      float[][] student,
      List<String> queryIds,
      Map<String, Integer> docIndex,
      Map<String, Map<String, Integer>> qrels) {
    Map<String, Integer> queryIndex = new HashMap<>();
    for (int q = 0; q < queryIds.size(); q++) {
      queryIndex.put(queryIds.get(q), q);
    }
    Map<String, Boolean> positiveRelevant = new HashMap<>();
    int negatives = 0;
    int relevantNegatives = 0;
    double[] margins = new double[triplets.size()];
    double[] studentMargins = new double[triplets.size()];
    for (int t = 0; t < triplets.size(); t++) {
      Triplet triplet = triplets.get(t);
      Map<String, Integer> judged = qrels.getOrDefault(triplet.queryId(), Map.of());
      positiveRelevant.put(triplet.queryId(), judged.getOrDefault(triplet.positiveId(), 0) > 0);
      negatives++;
      if (judged.getOrDefault(triplet.negativeId(), 0) > 0) {
        relevantNegatives++;
      }
      margins[t] = triplet.margin();
      float[] cosines = student[queryIndex.get(triplet.queryId())];
      studentMargins[t] =
          cosines[docIndex.get(triplet.positiveId())] - cosines[docIndex.get(triplet.negativeId())];
    }
    double relevant = positiveRelevant.values().stream().filter(b -> b).count();
    return new Result(
        minerNdcg,
        teacherNdcg,
        relevant / Math.max(1, positiveRelevant.size()),
        relevantNegatives / (double) Math.max(1, negatives),
        mean(margins),
        sd(margins),
        sd(studentMargins));
  }

  private static List<String> ids(List<Integer> indexes, List<String> docIds) {
    return indexes.stream().map(docIds::get).toList();
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return v.length == 0 ? 0 : sum / v.length;
  }

  private static double sd(double[] v) {
    double mu = mean(v);
    double sum = 0;
    for (double x : v) {
      sum += (x - mu) * (x - mu);
    }
    return v.length == 0 ? 0 : Math.sqrt(sum / v.length);
  }
}
