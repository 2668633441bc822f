package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;

/** A document the miner retrieved for a query: rank 1 is the positive, the rest are negatives. */
public record RelatedDocument(String docId, String text, int rank, double minerScore)
    implements Validated {

  @Override
  public void validate(Checks checks) {
    checks
        .id("docId", docId)
        .text("text", text)
        .atLeast("rank", rank, 1)
        .finite("minerScore", minerScore);
  }
}
