package dev.finesynth.trainer.dataset;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.datasets.CanonicalDataset;
import dev.finesynth.contracts.events.Shortfall;
import dev.finesynth.contracts.events.Triplet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One run's dataset in the shared folder. While it fills, each partition of {@code triplets} has
 * its own part file, {@code parts/p-<n>.jsonl}, written only by the trainer instance that owns the
 * partition, so any number of instances store one run side by side. Rows are unique by triplet key
 * within a part (a replayed topic adds nothing; a row torn by a crash is cut off when the part is
 * reopened), and a key belongs to one partition. Once complete, the parts become the canonical
 * {@code triplets.jsonl} and GPL's {@code gpl-training-data.tsv} ({@link CanonicalDataset}).
 */
public final class RunDataset implements AutoCloseable {
  public static final String JSONL = "triplets.jsonl";
  public static final String TSV = "gpl-training-data.tsv";
  static final String PARTS = "parts";
  static final String SHORTFALLS = "shortfalls";

  private final Path folder;
  private final EventCodec codec;
  private final Map<Integer, Part> written = new HashMap<>();
  private final Map<Path, long[]> counted = new HashMap<>(); // part -> {bytes read, rows}
  private final Map<Path, Shortfall> shortfallCache = new HashMap<>();

  private RunDataset(Path folder, EventCodec codec) {
    this.folder = folder;
    this.codec = codec;
  }

  public static RunDataset open(Path folder, EventCodec codec) {
    return new RunDataset(folder, codec);
  }

  /** Appends the triplets of one partition that its part does not hold yet; returns how many. */
  public synchronized int add(int partition, List<Triplet> triplets) {
    Part part = written.computeIfAbsent(partition, this::openPart);
    if (part.changedElsewhere()) { // another instance owned the partition meanwhile
      closeQuietly(part);
      part = openPart(partition);
      written.put(partition, part);
    }
    try {
      int added = 0;
      for (Triplet t : triplets) {
        if (part.keys.add(t.key())) {
          part.writer.write(codec.encode(t));
          part.writer.newLine();
          added++;
        }
      }
      part.writer.flush();
      part.size = Files.size(part.file);
      return added;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the dataset in " + folder, e);
    }
  }

  /**
   * Records that a query will yield fewer triplets, one file per key, so that a shortfall told
   * twice, or by two instances, counts once.
   */
  public synchronized void addShortfall(Shortfall shortfall) {
    Path dir = folder.resolve(SHORTFALLS);
    // a name from the key: any characters, a fixed length
    String name =
        UUID.nameUUIDFromBytes(shortfall.key().getBytes(StandardCharsets.UTF_8)) + ".json";
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      if (!Files.exists(file)) {
        Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, codec.encode(shortfall), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record a shortfall in " + folder, e);
    }
  }

  /** Every shortfall recorded so far, by any instance. */
  public synchronized List<Shortfall> shortfalls() {
    Path dir = folder.resolve(SHORTFALLS);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Shortfall> all = new ArrayList<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        Shortfall known = shortfallCache.get(file);
        if (known == null) {
          known = codec.decode(Shortfall.class, Files.readString(file, StandardCharsets.UTF_8));
          shortfallCache.put(file, known);
        }
        all.add(known);
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shortfalls of " + folder, e);
    }
  }

  /** Triplets the run's queries will not yield, over every shortfall recorded. */
  public long missing() {
    return shortfalls().stream().mapToLong(Shortfall::missing).sum();
  }

  /**
   * Rows in every part, written by any instance: whole lines only, counted from where the last
   * count stopped.
   */
  public synchronized long rows() {
    long rows = 0;
    for (Path part : parts()) {
      long[] state = counted.computeIfAbsent(part, p -> new long[2]);
      try (RandomAccessFile in = new RandomAccessFile(part.toFile(), "r")) {
        in.seek(state[0]);
        byte[] buffer = new byte[1 << 16];
        long position = state[0];
        for (int n; (n = in.read(buffer)) > 0; ) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              state[1]++;
              state[0] = position + i + 1;
            }
          }
          position += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot count the rows of " + part, e);
      }
      rows += state[1];
    }
    return rows;
  }

  /** The canonical rows of every part: one per key, ordered by key. */
  public synchronized List<Triplet> canonicalRows() {
    List<Triplet> all = new ArrayList<>();
    for (Path part : parts()) {
      try (Stream<String> lines = Files.lines(part, StandardCharsets.UTF_8)) {
        lines
            .filter(l -> !l.isBlank() && l.endsWith("}"))
            .forEach(l -> all.add(codec.decode(Triplet.class, l)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + part, e);
      }
    }
    return CanonicalDataset.rows(all, codec);
  }

  /** Writes the canonical files from {@code rows}; returns the JSONL's checksum. */
  public String writeCanonical(List<Triplet> rows) {
    String checksum = write(rows, CanonicalDataset.Format.JSONL, JSONL);
    write(rows, CanonicalDataset.Format.TSV, TSV);
    return checksum;
  }

  private String write(List<Triplet> rows, CanonicalDataset.Format format, String name) {
    Path tmp = folder.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      String checksum;
      try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        checksum = CanonicalDataset.write(rows, format, codec, out);
      }
      Files.move(
          tmp,
          folder.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return checksum;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(name), e);
    }
  }

  public Path folder() {
    return folder;
  }

  private List<Path> parts() {
    Path dir = folder.resolve(PARTS);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The part of a partition, with the keys it holds (it may have had another owner before). */
  private Part openPart(int partition) {
    Path file = folder.resolve(PARTS).resolve("p-" + partition + ".jsonl");
    try {
      Files.createDirectories(file.getParent());
      Set<String> keys = new HashSet<>();
      if (Files.exists(file)) {
        cutTornLastLine(file);
        counted.remove(file);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
          lines
              .filter(l -> !l.isBlank())
              .forEach(l -> keys.add(codec.decode(Triplet.class, l).key()));
        }
      }
      BufferedWriter writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new Part(file, keys, writer, Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the dataset part " + file, e);
    }
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

  @Override
  public synchronized void close() throws IOException {
    for (Part part : written.values()) {
      part.writer.close();
    }
  }

  private static void closeQuietly(Part part) {
    try {
      part.writer.close();
    } catch (IOException ignored) {
      // the part is reopened from the file
    }
  }

  /** A part this instance writes, and its size after this instance's last write. */
  private static final class Part {
    final Path file;
    final Set<String> keys;
    final BufferedWriter writer;
    long size;

    Part(Path file, Set<String> keys, BufferedWriter writer, long size) {
      this.file = file;
      this.keys = keys;
      this.writer = writer;
      this.size = size;
    }

    boolean changedElsewhere() {
      try {
        return Files.size(file) != size;
      } catch (IOException e) {
        return true;
      }
    }
  }
}
