package dev.finesynth.trainer.dataset;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Triplet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One run's persisted dataset: {@code triplets.jsonl} (every field) and GPL's {@code
 * gpl-training-data.tsv} (query id, positive id, negative id, margin). Rows are unique by triplet
 * key, so a replayed topic adds nothing; a row torn by a crash is cut off when the file is
 * reopened.
 */
public final class RunDataset implements AutoCloseable {
  public static final String JSONL = "triplets.jsonl";
  public static final String TSV = "gpl-training-data.tsv";

  private final Path folder;
  private final EventCodec codec;
  private final Set<String> keys = new HashSet<>();
  private final BufferedWriter jsonl;
  private final BufferedWriter tsv;

  private RunDataset(Path folder, EventCodec codec) throws IOException {
    this.folder = folder;
    this.codec = codec;
    Files.createDirectories(folder);
    int rows = loadKeys(folder.resolve(JSONL));
    truncateToLines(folder.resolve(TSV), rows);
    this.jsonl = append(folder.resolve(JSONL));
    this.tsv = append(folder.resolve(TSV));
  }

  public static RunDataset open(Path folder, EventCodec codec) {
    try {
      return new RunDataset(folder, codec);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the dataset in " + folder, e);
    }
  }

  /** Appends the triplets not seen before; returns how many were new. */
  public synchronized int add(List<Triplet> triplets) {
    int added = 0;
    try {
      for (Triplet t : triplets) {
        if (!keys.add(t.key())) {
          continue;
        }
        jsonl.write(codec.encode(t));
        jsonl.newLine();
        tsv.write(
            t.queryId()
                + "\t"
                + t.positiveId()
                + "\t"
                + t.negativeId()
                + "\t"
                + String.format(Locale.ROOT, "%.6f", t.margin()));
        tsv.newLine();
        added++;
      }
      jsonl.flush();
      tsv.flush();
      return added;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the dataset in " + folder, e);
    }
  }

  public synchronized int rows() {
    return keys.size();
  }

  /** SHA-256 of {@code triplets.jsonl}, the identity of the dataset a model was trained on. */
  public synchronized String checksum() {
    try {
      jsonl.flush();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(folder.resolve(JSONL))) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path folder() {
    return folder;
  }

  private int loadKeys(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    cutTornLastLine(file);
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.filter(l -> !l.isBlank()).forEach(l -> keys.add(codec.decode(Triplet.class, l).key()));
    }
    return keys.size();
  }

  private static void cutTornLastLine(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long end = raf.length();
      while (end > 0) {
        raf.seek(end - 1);
        if (raf.read() == '\n') {
          break;
        }
        end--;
      }
      raf.setLength(end);
    }
  }

  private static void truncateToLines(Path file, int lines) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> kept = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (kept.size() != lines) {
      Files.write(file, kept.subList(0, Math.min(lines, kept.size())), StandardCharsets.UTF_8);
    }
  }

  private static BufferedWriter append(Path file) throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void close() throws IOException {
    jsonl.close();
    tsv.close();
  }
}
