package dev.finesynth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads queries or documents from what users have: JSONL ({@code _id}/{@code id}, {@code text},
 * optional {@code title}), CSV or TSV with a header ({@code id}, {@code text}, {@code title}; a
 * single column is the text), plain text (one per line), or a BEIR folder ({@code corpus.jsonl};
 * for queries {@code queries.jsonl}, limited to the train split's queries when {@code
 * qrels/train.tsv} exists).
 */
public final class TextFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextFiles() {}

  public static List<TextRecord> documents(Path path) {
    return read(Files.isDirectory(path) ? beirFile(path, "corpus.jsonl") : path);
  }

  public static List<TextRecord> queries(Path path) {
    if (!Files.isDirectory(path)) {
      return read(path);
    }
    List<TextRecord> all = read(beirFile(path, "queries.jsonl"));
    Path train = path.resolve("qrels/train.tsv");
    if (!Files.exists(train)) {
      return all;
    }
    Set<String> ids = new HashSet<>(judgedQueries(train));
    return all.stream().filter(q -> ids.contains(q.id())).toList();
  }

  /** The query ids a qrels file judges, in file order. */
  public static List<String> judgedQueries(Path qrels) {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : lines(qrels)) {
      String[] cells = line.split("\t");
      if (!line.isBlank() && !cells[0].equals("query-id")) {
        ids.add(cells[0]);
      }
    }
    return List.copyOf(ids);
  }

  private static Path beirFile(Path folder, String name) {
    Path file = folder.resolve(name);
    if (!Files.exists(file)) {
      throw new InputFormatException(
          folder, 0, "is a folder but has no " + name + " (expected a BEIR folder)");
    }
    return file;
  }

  private static List<TextRecord> read(Path file) {
    if (!Files.exists(file)) {
      throw new InputFormatException(file, 0, "no such file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<String> lines = lines(file);
    List<TextRecord> records;
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      records = jsonl(file, lines);
    } else if (name.endsWith(".csv")) {
      records = delimited(file, lines, ",");
    } else if (name.endsWith(".tsv")) {
      records = delimited(file, lines, "\t");
    } else {
      records = plain(lines);
    }
    if (records.isEmpty()) {
      throw new InputFormatException(file, 0, "holds no records");
    }
    return records;
  }

  private static List<TextRecord> jsonl(Path file, List<String> lines) {
    List<TextRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new InputFormatException(file, i + 1, "not valid JSON");
      }
      String id = node.hasNonNull("_id") ? node.get("_id").asText() : node.path("id").asText(null);
      String text = node.path("text").asText("");
      if (text.isBlank()) {
        throw new InputFormatException(file, i + 1, "field 'text' is missing or empty");
      }
      records.add(
          new TextRecord(
              id != null ? id : Integer.toString(i + 1), node.path("title").asText(""), text));
    }
    return records;
  }

  private static List<TextRecord> delimited(Path file, List<String> lines, String separator) {
    if (lines.isEmpty()) {
      return List.of();
    }
    List<String> header = List.of(lines.get(0).toLowerCase(Locale.ROOT).split(separator, -1));
    int text = header.indexOf("text");
    int id = header.indexOf("id") >= 0 ? header.indexOf("id") : header.indexOf("_id");
    int title = header.indexOf("title");
    if (text < 0 && header.size() > 1) {
      throw new InputFormatException(
          file, 1, "the header has no 'text' column (found " + header + ")");
    }
    List<TextRecord> records = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(separator, -1);
      String value = cell(cells, Math.max(text, 0));
      if (value.isBlank()) {
        throw new InputFormatException(file, i + 1, "field 'text' is empty");
      }
      records.add(
          new TextRecord(
              id >= 0 ? cell(cells, id) : Integer.toString(i),
              title >= 0 ? cell(cells, title) : "",
              value));
    }
    return records;
  }

  private static List<TextRecord> plain(List<String> lines) {
    List<TextRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        records.add(new TextRecord(Integer.toString(i + 1), "", lines.get(i).strip()));
      }
    }
    return records;
  }

  private static String cell(String[] cells, int index) {
    return index < cells.length ? cells[index].strip() : "";
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
