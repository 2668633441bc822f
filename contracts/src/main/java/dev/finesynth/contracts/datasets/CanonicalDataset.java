package dev.finesynth.contracts.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Triplet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one definition of a run's dataset as a file: one row per triplet key, rows ordered by key,
 * each row the event's JSON (every field, none that depends on who stored it) or GPL's TSV line,
 * and its checksum. The trainer's stored dataset, its manifest and REST checksum and the CLI's
 * {@code dataset --out} are all written by it, so they agree whatever the arrival order and the
 * number of instances.
 */
public final class CanonicalDataset {
  private CanonicalDataset() {}

  /** The formats a dataset is written in. */
  public enum Format {
    /** One triplet event's JSON per line. */
    JSONL,
    /** GPL's layout: query id, positive id, negative id, margin (6 decimals). */
    TSV
  }

  /**
   * One row per key, ordered by key. Should a key come twice with different contents (a replay that
   * labelled again), the row whose JSON sorts first is kept, so the choice never depends on arrival
   * order.
   */
  public static List<Triplet> rows(Collection<Triplet> triplets, EventCodec codec) {
    Map<String, String> lines = new TreeMap<>();
    Map<String, Triplet> chosen = new TreeMap<>();
    for (Triplet t : triplets) {
      String line = codec.encode(t);
      String kept = lines.get(t.key());
      if (kept == null || line.compareTo(kept) < 0) {
        lines.put(t.key(), line);
        chosen.put(t.key(), t);
      }
    }
    List<Triplet> rows = new ArrayList<>(chosen.values());
    rows.sort(Comparator.comparing(Triplet::key));
    return rows;
  }

  /** One row in {@code format}, without its line end. */
  public static String line(Triplet t, Format format, EventCodec codec) {
    return switch (format) {
      case JSONL -> codec.encode(t);
      case TSV ->
          t.queryId()
              + "\t"
              + t.positiveId()
              + "\t"
              + t.negativeId()
              + "\t"
              + String.format(Locale.ROOT, "%.6f", t.margin());
    };
  }

  /** Writes the rows, each ended by a newline; returns the dataset's {@link #checksum}. */
  public static String write(List<Triplet> rows, Format format, EventCodec codec, Writer out)
      throws IOException {
    for (Triplet t : rows) {
      out.write(line(t, format, codec));
      out.write('\n');
    }
    return checksum(rows, codec);
  }

  /**
   * The dataset's identity: SHA-256 of its canonical JSONL rows without the run id, so that two
   * runs of the same recipe on the same data, with any number of instances, have the same checksum
   * when, and only when, they hold the same rows.
   */
  public static String checksum(List<Triplet> rows, EventCodec codec) {
    MessageDigest digest = sha256();
    for (Triplet t : rows) {
      try {
        ObjectNode row = (ObjectNode) codec.mapper().readTree(codec.encode(t));
        row.remove("runId");
        digest.update(
            (codec.mapper().writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
