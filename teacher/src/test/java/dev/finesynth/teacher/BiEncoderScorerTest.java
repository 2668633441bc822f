package dev.finesynth.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.TinyModels;
import dev.finesynth.encoders.config.Architecture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BiEncoderScorerTest {
  @TempDir static Path dir;
  private static BiEncoder encoder;

  @BeforeAll
  static void load() throws Exception {
    Path folder = TinyModels.biEncoder(dir.resolve("tiny"), Architecture.BERT, 3);
    encoder = BiEncoder.load(folder, EncoderOptions.builder().optMaxLength(32).build());
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static Relation relation(String query, String... docs) {
    RelatedDocument[] related = new RelatedDocument[docs.length];
    for (int i = 0; i < docs.length; i++) {
      related[i] = new RelatedDocument("d" + i, docs[i], i + 1, 0.5);
    }
    return Relation.of("run", query, query, List.of(related));
  }

  @Test
  void cachedPassageVectorsGiveTheScoresOfFreshlyEncodedOnes() {
    Relation first = relation("a query", "alpha beta", "gamma", "delta epsilon");
    Relation second = relation("another query", "gamma", "delta epsilon", "zeta");
    BiEncoderScorer cached = new BiEncoderScorer(encoder, 10);
    BiEncoderScorer uncached = new BiEncoderScorer(encoder, 0);

    cached.score(List.of(first));
    assertThat(cached.cachedPassages()).isEqualTo(3);
    double[] again = cached.score(List.of(second)).get(0);
    assertThat(cached.cachedPassages()).isEqualTo(4); // only "zeta" was new

    assertThat(again).containsExactly(uncached.score(List.of(second)).get(0), within(1e-6));
    assertThat(uncached.cachedPassages()).isZero();
  }

  @Test
  void documentSimilaritiesAreThePassagesCosinesFromTheVectorsJustScored() {
    Relation relation = relation("a query", "alpha beta", "gamma", "delta epsilon");
    BiEncoderScorer scorer = new BiEncoderScorer(encoder, 10);
    scorer.score(List.of(relation));
    double[][] similarities = scorer.documentSimilarities(List.of(relation)).orElseThrow().get(0);
    assertThat(scorer.cachedPassages()).isEqualTo(3);

    List<float[]> vectors = encoder.encodePassages(List.of("alpha beta", "gamma", "delta epsilon"));
    for (int i = 0; i < 3; i++) {
      assertThat(similarities[i][i]).isCloseTo(1, within(1e-6));
      for (int j = 0; j < 3; j++) {
        assertThat(similarities[i][j])
            .isCloseTo(BiEncoderScorer.cosine(vectors.get(i), vectors.get(j)), within(1e-6))
            .isEqualTo(similarities[j][i]);
      }
    }
  }

  @Test
  void theCacheKeepsOnlyTheMostRecentlyUsedPassages() {
    BiEncoderScorer scorer = new BiEncoderScorer(encoder, 2);
    scorer.score(List.of(relation("q", "one", "two", "three")));
    assertThat(scorer.cachedPassages()).isEqualTo(2);
  }
}
