package dev.finesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.testing.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The shared Cranfield collection in BEIR layout, read for end-to-end tests. */
final class Cranfield {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cranfield() {}

  static Path folder() {
    return Datasets.require("cranfield-beir");
  }

  static List<CorpusDocument> corpus(String corpusId) {
    return lines(folder().resolve("corpus.jsonl")).stream()
        .map(
            n ->
                CorpusDocument.of(
                    corpusId,
                    n.get("_id").asText(),
                    n.path("title").asText(""),
                    n.get("text").asText()))
        .toList();
  }

  /** Query texts by id, in file order. */
  static Map<String, String> queries() {
    Map<String, String> queries = new LinkedHashMap<>();
    lines(folder().resolve("queries.jsonl"))
        .forEach(n -> queries.put(n.get("_id").asText(), n.get("text").asText()));
    return queries;
  }

  /** Ids of the queries judged in a qrels split, in file order. */
  static List<String> queryIds(String split) {
    try (var lines = Files.lines(folder().resolve("qrels/" + split + ".tsv"))) {
      return List.copyOf(
          lines
              .skip(1)
              .map(l -> l.split("\t")[0])
              .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> lines(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> !l.isBlank()).map(Cranfield::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
