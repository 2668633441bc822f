package dev.finesynth.teacher.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bm25IndexTest {
  @TempDir Path dir;

  private static Bm25Index sample() {
    Bm25Index index = Bm25Index.inMemory(Bm25Params.DEFAULT);
    index.upsert("d1", "Boundary layers on a flat plate");
    index.upsert("d2", "Heat transfer in a turbulent boundary layer");
    index.upsert("d3", "Flutter of swept wings");
    return index;
  }

  @Test
  void searchRanksByBm25WithStemmingAndStopWords() throws Exception {
    try (Bm25Index index = sample()) {
      // "layers" and "layer" stem alike; "the" and "of" are stop words
      List<Bm25Index.Hit> hits = index.search("the layers of a boundary", 10);
      assertThat(hits).extracting(Bm25Index.Hit::docId).containsExactlyInAnyOrder("d1", "d2");
      assertThat(hits.get(0).docId()).isEqualTo("d1"); // the shorter document, same terms
      assertThat(index.search("wing", 10)).extracting(Bm25Index.Hit::docId).containsExactly("d3");
      assertThat(index.search("the of", 10)).isEmpty();
      assertThat(index.size()).isEqualTo(3);
    }
  }

  @Test
  void scoreGivesEachNamedDocumentItsSearchScoreAndZeroOtherwise() throws Exception {
    try (Bm25Index index = sample()) {
      List<Bm25Index.Hit> hits = index.search("boundary layer", 10);
      double[] scores = index.score("boundary layer", List.of("d3", "d2", "unknown", "d1"));
      assertThat(scores[0]).isZero();
      assertThat(scores[2]).isZero();
      assertThat(scores[1]).isCloseTo(score(hits, "d2"), within(1e-6));
      assertThat(scores[3]).isCloseTo(score(hits, "d1"), within(1e-6));
      assertThat(scores[3]).isPositive();
    }
  }

  @Test
  void aRepeatedQueryTermCountsAgain() throws Exception {
    try (Bm25Index index = sample()) {
      double once = index.score("flutter", List.of("d3"))[0];
      double twice = index.score("flutter flutter", List.of("d3"))[0];
      assertThat(twice).isCloseTo(2 * once, within(1e-5));
    }
  }

  @Test
  void upsertReplacesTheDocumentAndDeleteRemovesIt() throws Exception {
    try (Bm25Index index = sample()) {
      index.upsert("d3", "Supersonic inlet buzz");
      assertThat(index.search("flutter", 10)).isEmpty();
      assertThat(index.search("buzz", 10)).extracting(Bm25Index.Hit::docId).containsExactly("d3");
      assertThat(index.size()).isEqualTo(3);

      index.delete("d1");
      index.delete("never-there");
      assertThat(index.search("boundary plate", 10))
          .extracting(Bm25Index.Hit::docId)
          .containsExactly("d2");
      assertThat(index.score("flat plate", List.of("d1"))).containsExactly(0.0);
      assertThat(index.size()).isEqualTo(2);

      index.upsert("d1", "Flat plate boundary layer, again");
      assertThat(index.search("plate", 10)).extracting(Bm25Index.Hit::docId).containsExactly("d1");
    }
  }

  @Test
  void parametersChangeTheScores() throws Exception {
    try (Bm25Index a = sample();
        Bm25Index b = Bm25Index.inMemory(new Bm25Params(1.2f, 0.75f))) {
      b.upsert("d1", "Boundary layers on a flat plate");
      b.upsert("d2", "Heat transfer in a turbulent boundary layer");
      b.upsert("d3", "Flutter of swept wings");
      assertThat(a.score("boundary layer", List.of("d2"))[0])
          .isNotCloseTo(b.score("boundary layer", List.of("d2"))[0], within(1e-4));
    }
  }

  @Test
  void anIndexOnDiskKeepsCommittedWritesAcrossReopening() throws Exception {
    try (Bm25Index index = Bm25Index.open(dir, Bm25Params.DEFAULT)) {
      index.upsert("d1", "shock wave");
      index.upsert("d2", "expansion fan");
      index.commit();
    }
    try (Bm25Index index = Bm25Index.open(dir, Bm25Params.DEFAULT)) {
      assertThat(index.size()).isEqualTo(2);
      index.delete("d1");
      index.commit();
    }
    try (Bm25Index index = Bm25Index.open(dir, Bm25Params.DEFAULT)) {
      assertThat(index.search("shock", 5)).isEmpty();
      assertThat(index.search("fan", 5)).extracting(Bm25Index.Hit::docId).containsExactly("d2");
    }
  }

  private static double score(List<Bm25Index.Hit> hits, String docId) {
    return hits.stream().filter(h -> h.docId().equals(docId)).findFirst().orElseThrow().score();
  }
}
