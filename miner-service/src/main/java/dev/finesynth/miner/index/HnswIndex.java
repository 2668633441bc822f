package dev.finesynth.miner.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Approximate top-k on a Lucene HNSW graph, for corpora too large to scan per query. The graph is
 * built once, in memory, over a fixed set of vectors; a changed corpus gets a new index.
 *
 * <p>Only which documents are found is approximate: the {@code numCandidates} documents the graph
 * search returns are rescored with exact dot products and ranked like {@link ExactIndex} ranks them
 * (ties to the earlier document), and {@link #similarities} is exact. The vectors are kept for
 * that, so the index holds them twice: once here, once in Lucene.
 */
public final class HnswIndex implements VectorIndex {
  private static final String VECTOR = "vector";
  private static final String ROW = "row";

  /** One segment holds up to this much before Lucene flushes it (about 600,000 vectors of 384). */
  private static final double RAM_BUFFER_MB = 1024;

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparing(Candidate::score, Comparator.reverseOrder())
          .thenComparingInt(Candidate::row);

  private final List<String> ids;
  private final float[][] vectors;
  private final ExactIndex exact;
  private final IndexSearcher searcher;
  private final int numCandidates;

  /**
   * @param maxConn neighbours per node of the graph (HNSW's M)
   * @param beamWidth candidates weighed when a node is inserted (efConstruction)
   * @param numCandidates candidates a search collects before the best k are kept (efSearch); at
   *     least k
   */
  public record Params(int maxConn, int beamWidth, int numCandidates) {
    public static final Params DEFAULTS = new Params(16, 100, 100);
  }

  private HnswIndex(
      List<String> ids, float[][] vectors, IndexSearcher searcher, int numCandidates) {
    this.ids = List.copyOf(ids);
    this.vectors = vectors;
    this.exact = new ExactIndex(ids, vectors);
    this.searcher = searcher;
    this.numCandidates = numCandidates;
  }

  /** Builds the graph over unit vectors; {@code ids.get(i)} names {@code vectors[i]}. */
  public static HnswIndex build(List<String> ids, float[][] vectors, Params params) {
    if (ids.size() != vectors.length) {
      throw new IllegalArgumentException(ids.size() + " ids for " + vectors.length + " vectors");
    }
    try {
      return new HnswIndex(ids, vectors, index(vectors, params), params.numCandidates());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build an HNSW index in memory", e);
    }
  }

  private static IndexSearcher index(float[][] vectors, Params params) throws IOException {
    Directory directory = new ByteBuffersDirectory();
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(
                new Lucene912Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(params.maxConn(), params.beamWidth());
                  }
                })
            .setRAMBufferSizeMB(RAM_BUFFER_MB)
            // built once and never updated: a merge would only rebuild graphs
            .setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      if (vectors.length > 0) {
        FieldType type =
            KnnFloatVectorField.createFieldType(
                vectors[0].length, VectorSimilarityFunction.DOT_PRODUCT);
        for (int row = 0; row < vectors.length; row++) {
          Document doc = new Document();
          doc.add(new KnnFloatVectorField(VECTOR, vectors[row], type));
          doc.add(new StoredField(ROW, row));
          writer.addDocument(doc);
        }
      }
    }
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
    searcher.setQueryCache(null); // every query vector is new
    return searcher;
  }

  @Override
  public List<List<Hit>> search(List<float[]> queries, int k) {
    List<List<Hit>> results = new ArrayList<>(queries.size());
    for (float[] query : queries) {
      results.add(k < 1 || vectors.length == 0 ? List.of() : topK(query, k));
    }
    return results;
  }

  private List<Hit> topK(float[] query, int k) {
    int candidates = Math.max(k, numCandidates);
    List<Candidate> found = new ArrayList<>(candidates);
    try {
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc doc :
          searcher.search(new KnnFloatVectorQuery(VECTOR, query, candidates), candidates)
              .scoreDocs) {
        int row = stored.document(doc.doc, Set.of(ROW)).getField(ROW).numericValue().intValue();
        found.add(new Candidate(row, ExactIndex.dot(query, vectors[row])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the HNSW index", e);
    }
    found.sort(BEST_FIRST);
    return found.stream()
        .limit(k)
        .map(candidate -> new Hit(ids.get(candidate.row()), candidate.score()))
        .toList();
  }

  @Override
  public float[] similarities(float[] query, List<String> docIds) {
    return exact.similarities(query, docIds);
  }

  @Override
  public int size() {
    return vectors.length;
  }

  private record Candidate(int row, float score) {}
}
