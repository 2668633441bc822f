package dev.finesynth.evaluation.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Finetuner's EvaluationCallback convention: a queries file and an index file, JSONL with
 * {@code id}, {@code text}, {@code label} per line, where items sharing a label are relevant to
 * each other (relevance 1).
 *
 * <p>An index item with the query's own id is not a judgment for it: when queries and index are the
 * same set, Finetuner leaves the query itself out, otherwise every query would find itself first. A
 * query whose label no index item has stays in the qrels with no judgments (counted as skipped).
 */
public final class LabeledDocumentsLoader {
  private LabeledDocumentsLoader() {}

  public static EvaluationSet load(Path queriesFile, Path indexFile) throws IOException {
    Map<String, String> queryLabels = new LinkedHashMap<>();
    Map<String, String> queryTexts = new LinkedHashMap<>();
    read(queriesFile, queryTexts, queryLabels);
    Map<String, String> docLabels = new LinkedHashMap<>();
    Map<String, String> docTexts = new LinkedHashMap<>();
    read(indexFile, docTexts, docLabels);

    Map<String, List<String>> docsByLabel = new LinkedHashMap<>();
    docLabels.forEach(
        (doc, label) -> docsByLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(doc));
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    queryLabels.forEach(
        (query, label) -> {
          Map<String, Integer> relevant = new LinkedHashMap<>();
          for (String doc : docsByLabel.getOrDefault(label, List.of())) {
            if (!doc.equals(query)) {
              relevant.put(doc, 1);
            }
          }
          judgments.put(query, relevant);
        });

    Map<String, Document> documents = new LinkedHashMap<>();
    docTexts.forEach((id, text) -> documents.put(id, new Document(id, "", text)));
    return new EvaluationSet(new Corpus(documents), new Queries(queryTexts), new Qrels(judgments));
  }

  private static void read(Path file, Map<String, String> texts, Map<String, String> labels)
      throws IOException {
    JsonLines.read(
        file,
        row -> {
          String id = row.required("id");
          if (texts.putIfAbsent(id, row.required("text")) != null) {
            throw new DatasetFormatException(file, row.line(), "duplicate id " + id);
          }
          labels.put(id, row.required("label"));
        });
  }
}
