package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;

/**
 * A document the miner retrieved for a query: rank 1 is the miner's positive, the rest are
 * negatives (unless the run lets the teacher pick the positive).
 *
 * @param minerScore the miner's cosine similarity of the query and the document
 * @param lexicalScore the BM25 score of the document for the query over the whole corpus, or null
 *     when the miner that wrote the relation had no lexical index (older miners). Only the miner
 *     holds the corpus statistics BM25 needs, so it travels here to the teacher's {@code bm25}
 *     scorer.
 */
public record RelatedDocument(
    String docId,
    String text,
    int rank,
    double minerScore,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double lexicalScore)
    implements Validated {

  /** A document without a lexical score. */
  public RelatedDocument(String docId, String text, int rank, double minerScore) {
    this(docId, text, rank, minerScore, null);
  }

  @Override
  public void validate(Checks checks) {
    checks
        .id("docId", docId)
        .text("text", text)
        .atLeast("rank", rank, 1)
        .finite("minerScore", minerScore);
    if (lexicalScore != null) {
      checks.finite("lexicalScore", lexicalScore);
    }
  }
}
