package dev.finesynth.cli.bench;

import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.teacher.lexical.Bm25Index;
import dev.finesynth.teacher.lexical.Bm25Params;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Every (query, document) score of one retriever over a whole corpus, {@code [query][document]}:
 * cosine similarities of a bi-encoder, or BM25 scores. Document vectors are cached on disk, keyed
 * by model, length and a fingerprint of the corpus, so a second run embeds nothing.
 */
final class ScoreTables {
  private ScoreTables() {}

  static float[][] dense(
      String model, int maxLength, List<String> queries, List<String> passages, Path cache)
      throws IOException {
    EncoderOptions options =
        EncoderOptions.builder().optMaxLength(maxLength).optBackend(Backend.ONNX_RUNTIME).build();
    try (BiEncoder encoder = Encoders.fromEnvironment().biEncoder(model, options)) {
      Path file = file(model, maxLength, passages, cache);
      List<float[]> docs = Files.exists(file) ? read(file) : null;
      if (docs == null || docs.size() != passages.size()) {
        docs = encoder.encodePassages(passages).stream().map(ScoreTables::unit).toList();
        write(file, docs);
      }
      List<float[]> qs = encoder.encodeQueries(queries).stream().map(ScoreTables::unit).toList();
      float[][] scores = new float[qs.size()][docs.size()];
      for (int q = 0; q < qs.size(); q++) {
        for (int d = 0; d < docs.size(); d++) {
          scores[q][d] = dot(qs.get(q), docs.get(d));
        }
      }
      return scores;
    }
  }

  /** The unit document vectors {@link #dense} cached for this model, length and corpus. */
  static List<float[]> documents(String model, int maxLength, List<String> passages, Path cache)
      throws IOException {
    return read(file(model, maxLength, passages, cache));
  }

  private static Path file(String model, int maxLength, List<String> passages, Path cache) {
    return cache.resolve(
        (model + "-" + maxLength + "-" + Long.toHexString(fingerprint(passages)))
                .replaceAll("[^A-Za-z0-9._-]", "_")
            + ".vectors");
  }

  static float[][] bm25(
      Bm25Params params, List<String> queries, List<String> docIds, List<String> passages)
      throws IOException {
    try (Bm25Index index = Bm25Index.inMemory(params)) {
      for (int d = 0; d < docIds.size(); d++) {
        index.upsert(docIds.get(d), passages.get(d));
      }
      float[][] scores = new float[queries.size()][];
      for (int q = 0; q < queries.size(); q++) {
        double[] row = index.score(queries.get(q), docIds);
        scores[q] = new float[row.length];
        for (int d = 0; d < row.length; d++) {
          scores[q][d] = (float) row[d];
        }
      }
      return scores;
    }
  }

  private static float[] unit(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static long fingerprint(List<String> texts) {
    long hash = 0xcbf29ce484222325L;
    for (String text : texts) {
      for (int i = 0; i < text.length(); i++) {
        hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
      }
      hash = (hash ^ 0x1f) * 0x100000001b3L;
    }
    return hash;
  }

  private static List<float[]> read(Path file) throws IOException {
    try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int n = in.readInt();
      int dim = in.readInt();
      List<float[]> vectors = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
          v[j] = in.readFloat();
        }
        vectors.add(v);
      }
      return vectors;
    }
  }

  private static void write(Path file, List<float[]> vectors) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(vectors.size());
      out.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
      for (float[] v : vectors) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
