package dev.finesynth.evaluation.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a collection in BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code
 * text}), {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv} ({@code
 * query-id corpus-id score}, header line optional).
 */
public final class BeirLoader {
  private BeirLoader() {}

  /**
   * The whole corpus, and the queries of one split: like BEIR's GenericDataLoader, only queries
   * judged in {@code qrels/<split>.tsv} are kept, so the train queries never leak into a test run.
   */
  public static EvaluationSet load(Path folder, String split) throws IOException {
    Corpus corpus = corpus(folder.resolve("corpus.jsonl"));
    Queries all = queries(folder.resolve("queries.jsonl"));
    Path qrelsFile = folder.resolve("qrels").resolve(split + ".tsv");
    if (!Files.isRegularFile(qrelsFile)) {
      throw new IOException("no qrels for split \"" + split + "\": " + qrelsFile);
    }
    Qrels qrels = qrels(qrelsFile, all);
    Map<String, String> judged = new LinkedHashMap<>();
    all.texts()
        .forEach(
            (id, text) -> {
              if (qrels.judgments().containsKey(id)) {
                judged.put(id, text);
              }
            });
    return new EvaluationSet(corpus, new Queries(judged), qrels);
  }

  public static Corpus corpus(Path file) throws IOException {
    Map<String, Document> documents = new LinkedHashMap<>();
    JsonLines.read(
        file,
        row -> {
          String id = row.required("_id");
          Document doc = new Document(id, row.optional("title"), row.required("text"));
          if (documents.putIfAbsent(id, doc) != null) {
            throw new DatasetFormatException(file, row.line(), "duplicate document id " + id);
          }
        });
    return new Corpus(documents);
  }

  public static Queries queries(Path file) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    JsonLines.read(
        file,
        row -> {
          String id = row.required("_id");
          if (texts.putIfAbsent(id, row.required("text")) != null) {
            throw new DatasetFormatException(file, row.line(), "duplicate query id " + id);
          }
        });
    return new Queries(texts);
  }

  /**
   * Judgments from a qrels TSV. A judgment for a query that {@code known} lacks is an error (a
   * mismatched split or file); one for a missing document is kept, see {@link Qrels#outside}.
   */
  public static Qrels qrels(Path file, Queries known) throws IOException {
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank() || (lineNumber == 1 && line.startsWith("query-id"))) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != 3) {
          throw new DatasetFormatException(
              file, lineNumber, "expected 3 tab-separated fields, found " + fields.length);
        }
        String query = fields[0].strip();
        String doc = fields[1].strip();
        if (query.isEmpty() || doc.isEmpty()) {
          throw new DatasetFormatException(file, lineNumber, "empty query-id or corpus-id");
        }
        if (!known.texts().containsKey(query)) {
          throw new DatasetFormatException(file, lineNumber, "unknown query-id " + query);
        }
        judgments
            .computeIfAbsent(query, q -> new LinkedHashMap<>())
            .put(doc, score(fields[2], file, lineNumber));
      }
    }
    return new Qrels(judgments);
  }

  private static int score(String field, Path file, long line) throws DatasetFormatException {
    try {
      return Integer.parseInt(field.strip());
    } catch (NumberFormatException e) {
      throw new DatasetFormatException(file, line, "score is not an integer: \"" + field + "\"", e);
    }
  }
}
