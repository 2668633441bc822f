package dev.finesynth.miner.index;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.teacher.lexical.Bm25Index;
import dev.finesynth.teacher.lexical.Bm25Params;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The miner's corpora and their indexes: one document store and one BM25 index per corpus, one
 * embedded copy per (corpus, model, max length). The BM25 index and the embeddings are kept in step
 * as documents arrive (embeddings once a run has asked for them); the vector index over them is
 * built when a run asks for it after a change: exact search, or an HNSW graph for a corpus of more
 * than {@code finesynth.miner.approximate-above} documents. Queries wait here until their run's
 * corpus is complete.
 *
 * <p>The BM25 index lives in memory and is rebuilt from the corpus store when the miner starts: the
 * store's log is already the durable copy, indexing is cheap next to embedding (seconds for a
 * hundred thousand passages), and one durable copy cannot drift from another after a crash between
 * two writes.
 */
@Singleton
public class CorpusIndexes {
  private static final Logger LOG = Logger.getLogger(CorpusIndexes.class);

  @Inject FinesynthConfig config;
  @Inject EncoderCache encoders;

  @ConfigProperty(name = "finesynth.bm25.k1", defaultValue = "0.9")
  float k1;

  @ConfigProperty(name = "finesynth.bm25.b", defaultValue = "0.4")
  float b;

  /** A corpus with more documents than this is searched on an HNSW graph instead of exactly. */
  @ConfigProperty(name = "finesynth.miner.approximate-above", defaultValue = "200000")
  int approximateAbove;

  /** Neighbours per node of the HNSW graph (M). */
  @ConfigProperty(name = "finesynth.miner.hnsw.max-conn", defaultValue = "16")
  int hnswMaxConn;

  /** Candidates weighed when a node joins the graph (efConstruction). */
  @ConfigProperty(name = "finesynth.miner.hnsw.beam-width", defaultValue = "100")
  int hnswBeamWidth;

  /** Candidates a search collects before they are re-scored exactly (efSearch). */
  @ConfigProperty(name = "finesynth.miner.hnsw.num-candidates", defaultValue = "100")
  int hnswNumCandidates;

  private final Map<String, CorpusStore> stores = new ConcurrentHashMap<>();
  private final Map<String, Bm25Index> lexical = new ConcurrentHashMap<>();
  private final Map<IndexKey, EmbeddedCorpus> embedded = new ConcurrentHashMap<>();
  private final Map<IndexKey, Snapshot> snapshots = new ConcurrentHashMap<>();

  public CorpusStore store(String corpusId) {
    return stores.computeIfAbsent(corpusId, id -> CorpusStore.open(id, root().resolve("corpus")));
  }

  /** The corpus's BM25 index, built from its store on first use and kept in step after. */
  public Bm25Index lexical(String corpusId) {
    return lexical.computeIfAbsent(
        corpusId,
        id -> {
          long start = System.nanoTime();
          Bm25Index index = Bm25Index.inMemory(new Bm25Params(k1, b));
          List<CorpusDocument> documents = store(id).documents();
          documents.forEach(doc -> index.upsert(doc.docId(), doc.passage()));
          LOG.infof(
              "indexed %d documents of %s for BM25 in %d ms",
              documents.size(), id, (System.nanoTime() - start) / 1_000_000);
          return index;
        });
  }

  /** Applies document changes, then brings every index over that corpus up to date. */
  public void apply(String corpusId, List<CorpusStore.Change> changes) {
    CorpusStore store = store(corpusId);
    Bm25Index bm25 = lexical(corpusId); // built before the changes: they are applied to it next
    for (CorpusStore.Change change : store.apply(changes)) {
      if (change.document() == null) {
        bm25.delete(change.docId());
      } else {
        bm25.upsert(change.docId(), change.document().passage());
      }
    }
    // embeds now; indexes are built when a run asks for one, not after every batch of documents
    embedded.keySet().stream().filter(k -> k.corpusId().equals(corpusId)).forEach(this::embed);
    synchronized (this) {
      notifyAll();
    }
  }

  /**
   * The index of the run's corpus under its miner model once the corpus holds the documents the run
   * expects; waits up to {@code timeout} for them.
   */
  public Optional<VectorIndex> awaitComplete(RunSpec run, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    CorpusStore store = store(run.corpusId());
    synchronized (this) {
      while (store.size() < run.expectedDocuments()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
    return Optional.of(
        sync(new IndexKey(run.corpusId(), run.models().miner(), run.maxDocumentLength())));
  }

  /** The index of the corpus as it is now, embedded under the key's model. */
  private VectorIndex sync(IndexKey key) {
    EmbeddedCorpus corpus = embedded(key);
    CorpusStore store = store(key.corpusId());
    synchronized (corpus) {
      Snapshot current = snapshots.get(key);
      long version = store.version();
      if (current != null && current.version() == version) {
        return current.index();
      }
      embed(key);
      Snapshot snapshot = new Snapshot(version, index(key, corpus));
      snapshots.put(key, snapshot);
      return snapshot.index();
    }
  }

  /** Embeds the corpus's new and changed documents under the key's model. */
  private void embed(IndexKey key) {
    EmbeddedCorpus corpus = embedded(key);
    synchronized (corpus) {
      var encoder = encoders.biEncoder(key.model(), key.maxLength());
      long start = System.nanoTime();
      int embeddedNow = corpus.sync(store(key.corpusId()).documents(), encoder::encodePassages, 64);
      if (embeddedNow > 0) {
        LOG.infof(
            "embedded %d documents of %s with %s in %d ms",
            embeddedNow, key.corpusId(), key.model(), (System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  /** Exact search up to {@code approximateAbove} documents, an HNSW graph above. */
  private VectorIndex index(IndexKey key, EmbeddedCorpus corpus) {
    long start = System.nanoTime();
    VectorIndex index =
        corpus.size() > approximateAbove
            ? corpus.index(
                (ids, vectors) ->
                    HnswIndex.build(
                        ids,
                        vectors,
                        new HnswIndex.Params(hnswMaxConn, hnswBeamWidth, hnswNumCandidates)))
            : corpus.index();
    LOG.infof(
        "%s index over %d documents of %s with %s, built in %d ms",
        index instanceof HnswIndex ? "HNSW" : "exact",
        index.size(),
        key.corpusId(),
        key.model(),
        (System.nanoTime() - start) / 1_000_000);
    return index;
  }

  private EmbeddedCorpus embedded(IndexKey key) {
    PathSegments.require("corpusId", key.corpusId());
    Path folder = root().resolve("index");
    Path file = PathSegments.inside(folder, "corpusId", folder.resolve(key.fileName()));
    return embedded.computeIfAbsent(key, k -> EmbeddedCorpus.open(file));
  }

  private Path root() {
    return Path.of(config.home()).resolve("miner");
  }

  @PreDestroy
  void close() throws IOException {
    for (CorpusStore store : stores.values()) {
      store.close();
    }
    for (Bm25Index index : lexical.values()) {
      index.close();
    }
  }

  private record IndexKey(String corpusId, String model, int maxLength) {
    String fileName() {
      return (corpusId + "__" + model + "__" + maxLength).replaceAll("[^A-Za-z0-9._-]", "_")
          + ".vectors";
    }
  }

  private record Snapshot(long version, VectorIndex index) {}

  /** Fired after documents of {@code corpusId} were applied: a waiting run may be ready now. */
  public record CorpusChanged(String corpusId) {}
}
