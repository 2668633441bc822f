package dev.finesynth.cli.bench;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.Triplet;
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

/**
 * The synthesis step on judged queries: mine candidates as the miner does (dense top hits of the
 * student, plus BM25 hits for a lexical share), label them with a teacher through the real {@link
 * Teacher} and {@link Triplets}, and measure the triplets against the judgments: how often the
 * positive is relevant, how often a negative is, and the size of the margins next to the student's
 * own cosine margins over the same pairs.
 */
final class MiningCheck {
  private static final int SPARE = 5;

  /** A teacher scorer backed by a score table: bi-encoders (cosine scale) or BM25. */
  record Part(float[][] table, double weight, boolean bm25) {}

  record Result(
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
      scorers.add(part.bm25() ? new Bm25Scorer() : tableScorer(part.table(), docIndex));
    }
    List<double[]> labels =
        new Teacher(scorers, weights, fusion, labelScale, "bench").score(relations);
    List<Triplet> triplets = Triplets.from(relations, labels, positive);
    return measure(triplets, student, queryIds, docIndex, qrels);
  }

  /** Scores relation {@code r} from row {@code r}: one relation per query, in query order. */
  private static Scorer tableScorer(float[][] table, Map<String, Integer> docIndex) {
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
    };
  }

  private static Result measure(
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
