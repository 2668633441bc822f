package dev.finesynth.miner.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.paths.PathSegments;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of one corpus, kept in memory and in an append-only change log on disk, so that a
 * restarted miner knows its corpus without re-reading the topic from the start.
 */
public final class CorpusStore implements AutoCloseable {
  private static final ObjectMapper JSON = EventCodec.newMapper();

  private final String corpusId;
  private final Path log;
  private final Map<String, CorpusDocument> documents = new LinkedHashMap<>();
  private final BufferedWriter writer;
  private long version;

  private CorpusStore(String corpusId, Path log) throws IOException {
    this.corpusId = corpusId;
    this.log = log;
    Files.createDirectories(log.getParent());
    if (Files.exists(log)) {
      replay();
    }
    this.writer =
        Files.newBufferedWriter(
            log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * The store of {@code corpusId}, its log {@code <corpusId>.log.jsonl} in {@code folder}; a corpus
   * id is a file name, never a path (refused when it is not one).
   */
  public static CorpusStore open(String corpusId, Path folder) {
    Path log = PathSegments.child(folder, "corpusId", corpusId, ".log.jsonl");
    try {
      return new CorpusStore(corpusId, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the corpus store of " + corpusId, e);
    }
  }

  /**
   * Applies upserts and deletions (a null document under its id) in order, then syncs the log.
   * Returns the changes that changed something: not repeated documents, nor deletions of unknown
   * ones.
   */
  public synchronized List<Change> apply(List<Change> changes) {
    List<Change> applied = new ArrayList<>();
    try {
      for (Change change : changes) {
        if (change.document() == null) {
          if (documents.remove(change.docId()) != null) {
            writer.write(JSON.writeValueAsString(Map.of("delete", change.docId())));
            writer.newLine();
            applied.add(change);
          }
        } else if (!change.document().equals(documents.get(change.docId()))) {
          documents.put(change.docId(), change.document());
          writer.write(JSON.writeValueAsString(Map.of("put", change.document())));
          writer.newLine();
          applied.add(change);
        }
      }
      writer.flush();
      version++;
      return applied;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the corpus log " + log, e);
    }
  }

  public synchronized int size() {
    return documents.size();
  }

  /** A copy of the documents, in the order they first arrived. */
  public synchronized List<CorpusDocument> documents() {
    return List.copyOf(documents.values());
  }

  public synchronized long version() {
    return version;
  }

  public String corpusId() {
    return corpusId;
  }

  private void replay() throws IOException {
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      var node = JSON.readTree(line);
      if (node.has("delete")) {
        documents.remove(node.get("delete").asText());
      } else {
        CorpusDocument doc = JSON.treeToValue(node.get("put"), CorpusDocument.class);
        documents.put(doc.docId(), doc);
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }

  /** An upsert, or a deletion when {@code document} is null. */
  public record Change(String docId, CorpusDocument document) {}
}
