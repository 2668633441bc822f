package dev.finesynth.miner.index;

import dev.finesynth.contracts.events.CorpusDocument;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A corpus embedded by one model, persisted to disk: a restart re-embeds nothing, and a sync embeds
 * only the documents that are new or whose text changed, and drops deleted ones.
 */
public final class EmbeddedCorpus {
  private static final int FORMAT = 2;

  private final Path file;
  private final Map<String, Entry> entries = new HashMap<>();
  private List<String> order = List.of();

  private EmbeddedCorpus(Path file) {
    this.file = file;
  }

  /** Loads the saved vectors at {@code file}, or starts empty. */
  public static EmbeddedCorpus open(Path file) {
    EmbeddedCorpus corpus = new EmbeddedCorpus(file);
    if (Files.exists(file)) {
      corpus.load();
    }
    return corpus;
  }

  /**
   * Brings the vectors in line with {@code documents}; returns how many documents were embedded.
   *
   * @param embed embeds a batch of passages (already in the model's passage form)
   */
  public synchronized int sync(
      List<CorpusDocument> documents, Function<List<String>, List<float[]>> embed, int batchSize) {
    List<CorpusDocument> stale = new ArrayList<>();
    List<String> ids = new ArrayList<>(documents.size());
    for (CorpusDocument doc : documents) {
      ids.add(doc.docId());
      Entry entry = entries.get(doc.docId());
      if (entry == null || entry.textHash != fingerprint(doc.passage())) {
        stale.add(doc);
      }
    }
    for (int start = 0; start < stale.size(); start += batchSize) {
      List<CorpusDocument> batch = stale.subList(start, Math.min(stale.size(), start + batchSize));
      List<float[]> vectors = embed.apply(batch.stream().map(CorpusDocument::passage).toList());
      for (int i = 0; i < batch.size(); i++) {
        entries.put(
            batch.get(i).docId(), new Entry(fingerprint(batch.get(i).passage()), vectors.get(i)));
      }
    }
    boolean removed = entries.keySet().retainAll(new java.util.HashSet<>(ids));
    order = List.copyOf(ids);
    if (!stale.isEmpty() || removed) {
      save();
    }
    return stale.size();
  }

  /** An exact index over the current vectors. */
  public synchronized ExactIndex index() {
    return index(ExactIndex::new);
  }

  /** An index over the current vectors, made by {@code build} from the ids and their vectors. */
  public synchronized <T extends VectorIndex> T index(
      BiFunction<List<String>, float[][], T> build) {
    float[][] vectors = new float[order.size()][];
    for (int i = 0; i < order.size(); i++) {
      vectors[i] = entries.get(order.get(i)).vector;
    }
    return build.apply(order, vectors);
  }

  public synchronized int size() {
    return order.size();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (var out =
          new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(FORMAT);
        out.writeInt(order.size());
        for (String id : order) {
          Entry entry = entries.get(id);
          out.writeUTF(id);
          out.writeLong(entry.textHash);
          out.writeInt(entry.vector.length);
          for (float v : entry.vector) {
            out.writeFloat(v);
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save vectors to " + file, e);
    }
  }

  private void load() {
    try (var in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != FORMAT) {
        return; // an older layout: start over and re-embed
      }
      int n = in.readInt();
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        long hash = in.readLong();
        float[] vector = new float[in.readInt()];
        for (int d = 0; d < vector.length; d++) {
          vector[d] = in.readFloat();
        }
        entries.put(id, new Entry(hash, vector));
        ids.add(id);
      }
      order = List.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vectors from " + file, e);
    }
  }

  /** 64-bit FNV-1a of the text: tells a changed document from an unchanged one. */
  static long fingerprint(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private record Entry(long textHash, float[] vector) {}
}
