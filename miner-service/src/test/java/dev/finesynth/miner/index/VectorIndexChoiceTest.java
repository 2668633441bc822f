package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.ServiceKitFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The miner searches a corpus exactly up to {@code finesynth.miner.approximate-above} documents and
 * on an HNSW graph above it, with the bundled miner model and the configured graph settings.
 */
class VectorIndexChoiceTest {
  private static final EncoderCache ENCODERS = new EncoderCache();
  private static final String[] TOPICS = {
    "shock waves in supersonic flow", "boundary layer transition on a flat plate",
    "heat transfer in hypersonic flight", "buckling of thin cylindrical shells",
    "flutter of aircraft wings", "jet noise and its reduction",
    "laminar flow in pipes", "vortex shedding behind a cylinder",
    "creep of metals at high temperature", "rocket nozzle design",
    "turbulent mixing layers", "ablation of reentry heat shields"
  };

  @TempDir Path home;

  @AfterAll
  static void closeModels() {
    ENCODERS.close();
  }

  @Test
  void aCorpusAboveTheThresholdIsSearchedOnAnHnswGraphWithTheExactHits() throws Exception {
    RunSpec run = ServiceKitFixture.runSpec("r", null, null);
    List<CorpusStore.Change> documents = new ArrayList<>();
    for (int i = 0; i < TOPICS.length; i++) {
      documents.add(
          new CorpusStore.Change(
              "d" + i, CorpusDocument.of(run.corpusId(), "d" + i, "", TOPICS[i])));
    }
    VectorIndex exact = index(run, documents, TOPICS.length, "exact");
    VectorIndex approximate = index(run, documents, TOPICS.length - 1, "hnsw");

    assertThat(exact).isInstanceOf(ExactIndex.class);
    assertThat(approximate).isInstanceOf(HnswIndex.class);
    assertThat(approximate.size()).isEqualTo(exact.size()).isEqualTo(TOPICS.length);
    List<float[]> queries =
        ENCODERS
            .biEncoder(run.models().miner(), run.maxQueryLength())
            .encodeQueries(List.of("supersonic shock", "wing flutter", "heat shield ablation"));
    assertThat(ids(approximate.search(queries, 5))).isEqualTo(ids(exact.search(queries, 5)));
    assertThat(exact.search(queries, 1).get(1).get(0).docId()).isEqualTo("d4");
  }

  private VectorIndex index(
      RunSpec run, List<CorpusStore.Change> documents, int approximateAbove, String folder)
      throws Exception {
    CorpusIndexes indexes = new CorpusIndexes();
    indexes.config = new ServiceKitFixture("miner", home.resolve(folder)).config;
    indexes.encoders = ENCODERS;
    indexes.k1 = 0.9f;
    indexes.b = 0.4f;
    indexes.approximateAbove = approximateAbove;
    indexes.hnswMaxConn = 8;
    indexes.hnswBeamWidth = 32;
    indexes.hnswNumCandidates = 20;
    indexes.apply(run.corpusId(), documents);
    try {
      return indexes.awaitComplete(run, Duration.ofSeconds(30)).orElseThrow();
    } finally {
      indexes.close(); // the stores and BM25; the vector index is held in memory
    }
  }

  private static List<List<String>> ids(List<List<VectorIndex.Hit>> hits) {
    return hits.stream().map(h -> h.stream().map(VectorIndex.Hit::docId).toList()).toList();
  }
}
