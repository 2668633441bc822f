package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;

/**
 * A document of a corpus, keyed {@code corpusId/docId} on a compacted topic; a null value
 * (tombstone) under the same key deletes it.
 */
public record CorpusDocument(
    int schemaVersion, String corpusId, String docId, String title, String text) implements Event {

  public static CorpusDocument of(String corpusId, String docId, String title, String text) {
    return new CorpusDocument(SCHEMA_VERSION, corpusId, docId, title, text);
  }

  public String key() {
    return Keys.of(corpusId, docId);
  }

  /** Title and body as one passage, the way retrieval models were trained to read them. */
  public String passage() {
    return title == null || title.isBlank() ? text : title + " " + text;
  }

  @Override
  public void validate(Checks checks) {
    checks
        .pathSegment("corpusId", corpusId)
        .id("docId", docId)
        .optionalText("title", title)
        .text("text", text);
  }
}
