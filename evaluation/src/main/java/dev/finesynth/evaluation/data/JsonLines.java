package dev.finesynth.evaluation.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSONL file object by object, with file and line in every error. */
final class JsonLines {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Receives one parsed line. */
  interface LineHandler {
    void accept(Row row) throws IOException;
  }

  /** One non-blank line of the file, parsed. */
  record Row(Path file, long line, JsonNode json) {

    /** A field that must be present and a string or number (ids are numbers in some files). */
    String required(String field) throws DatasetFormatException {
      JsonNode value = json.get(field);
      if (value == null || value.isNull()) {
        throw new DatasetFormatException(file, line, "missing field \"" + field + "\"");
      }
      if (!value.isValueNode()) {
        throw new DatasetFormatException(
            file, line, "field \"" + field + "\" must be a string or number");
      }
      return value.asText();
    }

    String optional(String field) throws DatasetFormatException {
      JsonNode value = json.get(field);
      return value == null || value.isNull() ? "" : required(field);
    }
  }

  private JsonLines() {}

  static void read(Path file, LineHandler handler) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode json;
        try {
          json = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw new DatasetFormatException(
              file, lineNumber, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
          throw new DatasetFormatException(file, lineNumber, "expected a JSON object");
        }
        handler.accept(new Row(file, lineNumber, json));
      }
    }
  }
}
