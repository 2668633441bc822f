package dev.finesynth.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeacherTest {
  private static final double[] EQUAL = {1, 1};

  /** A query with a positive and two negatives, each with a miner cosine and a BM25 score. */
  static Relation relation() {
    return Relation.of(
        "r",
        "q",
        "query",
        List.of(
            new RelatedDocument("p", "pos", 1, 0.9, 12.0),
            new RelatedDocument("n1", "neg1", 2, 0.8, 3.0),
            new RelatedDocument("n2", "neg2", 3, 0.7, 6.0)));
  }

  static Scorer cosine(double... row) {
    return cosineWithDocuments(null, row);
  }

  /**
   * A cosine scorer that also knows the cosines between the relation's documents (or not: null).
   */
  static Scorer cosineWithDocuments(double[][] similarities, double... row) {
    return new Scorer() {
      @Override
      public List<double[]> score(List<Relation> relations) {
        return List.of(row);
      }

      @Override
      public boolean cosineScale() {
        return true;
      }

      @Override
      public Optional<List<double[][]>> documentSimilarities(List<Relation> relations) {
        return Optional.ofNullable(similarities).map(List::<double[][]>of);
      }
    };
  }

  @Test
  void marginsAreTheFusedPositiveMinusEachFusedNegative() {
    Teacher teacher =
        new Teacher(
            List.of(cosine(0.9, 0.5, 0.1), cosine(0.7, 0.6, 0.2)), EQUAL, Fusion.MEAN, "test");
    List<Triplet> triplets = Triplets.from(List.of(relation()), teacher.score(List.of(relation())));
    assertThat(triplets).extracting(Triplet::negativeId).containsExactly("n1", "n2");
    assertThat(triplets.get(0).margin()).isCloseTo(0.8 - 0.55, within(1e-12));
    assertThat(triplets.get(1).margin()).isCloseTo(0.8 - 0.15, within(1e-12));
  }

  @Test
  void aLabelScaleStretchesTheLabelsAroundTheirMeanSoMarginsGrowByIt() {
    // mean labels 0.8 0.55 0.15, mean 0.5; x3 -> 0.5 + 3 * (0.3, 0.05, -0.35) = 1.4 0.65 -0.55
    Teacher teacher =
        new Teacher(
            List.of(cosine(0.9, 0.5, 0.1), cosine(0.7, 0.6, 0.2)), EQUAL, Fusion.MEAN, 3, "test");
    double[] labels = teacher.score(List.of(relation())).get(0);
    assertThat(labels).containsExactly(new double[] {1.4, 0.65, -0.55}, within(1e-12));
    List<Triplet> triplets = Triplets.from(List.of(relation()), List.of(labels));
    assertThat(triplets.get(0).margin()).isCloseTo(3 * (0.8 - 0.55), within(1e-12));
    assertThatThrownBy(
            () ->
                new Teacher(List.of(cosine(0.9, 0.5, 0.1)), new double[] {1}, Fusion.MEAN, 0, "t"))
        .hasMessageContaining("label scale");
  }

  @Test
  void feedbackPullsUpTheNegativeThatResemblesTheFirstPassBest() {
    // n2 is a near copy of p, n1 is not: feedback moves n2 above n1
    double[][] similarities = {{1, 0.1, 0.9}, {0.1, 1, 0.2}, {0.9, 0.2, 1}};
    List<Scorer> scorers =
        List.of(cosineWithDocuments(similarities, 0.9, 0.6, 0.5), cosine(0.8, 0.7, 0.6));
    double[] plain =
        new Teacher(scorers, EQUAL, Fusion.MEAN, "t").score(List.of(relation())).get(0);
    double[] fed =
        new Teacher(scorers, EQUAL, Fusion.MEAN, 1, 0.5, "t").score(List.of(relation())).get(0);
    assertThat(plain).containsExactly(new double[] {0.85, 0.65, 0.55}, within(1e-12));
    // first pass best p (second n1): the first scorer becomes 0.9 + 0.05, 0.6 + 0.05, 0.5 + 0.45;
    // the second scorer has no document vectors and keeps its scores
    assertThat(fed).containsExactly(new double[] {0.875, 0.675, 0.775}, within(1e-12));
    assertThat(new Teacher(scorers, EQUAL, Fusion.MEAN, 1, 0, "t").score(List.of(relation())))
        .containsExactly(plain);
    assertThatThrownBy(() -> new Teacher(scorers, EQUAL, Fusion.MEAN, 1, -0.5, "t"))
        .hasMessageContaining("feedback");
  }

  @Test
  void bm25ReadsTheMinersLexicalScores() {
    assertThat(new Bm25Scorer().score(List.of(relation())))
        .containsExactly(new double[] {12, 3, 6});
  }

  @Test
  void bm25WithoutLexicalScoresFailsNamingTheRelation() {
    Relation old =
        Relation.of(
            "r",
            "q",
            "query",
            List.of(
                new RelatedDocument("p", "pos", 1, 0.9), new RelatedDocument("n", "neg", 2, 0.5)));
    assertThatThrownBy(() -> new Bm25Scorer().score(List.of(old)))
        .hasMessageContaining("relation r/q has no lexicalScore");
  }

  @Test
  void zscoreLabelsOfBm25AndABiEncoderAreOnTheBiEncodersCosineScale() {
    // BM25 12 3 6 -> z 1.336306, -1.069045, -0.267261 ; cosine 0.6 0.5 0.1 -> mean 0.4, sd
    // 0.216025,
    // z 0.925820, 0.462910, -1.388730 ; fused z = 1.131063, -0.303068, -0.827996
    // label = 0.4 + 0.216025 * z = 0.644338, 0.334529, 0.221133
    Teacher teacher =
        new Teacher(List.of(new Bm25Scorer(), cosine(0.6, 0.5, 0.1)), EQUAL, Fusion.ZSCORE, "test");
    double[] labels = teacher.score(List.of(relation())).get(0);
    assertThat(labels).containsExactly(new double[] {0.644338, 0.334529, 0.221133}, within(1e-5));
  }

  @Test
  void withoutABiEncoderTheMinersCosineIsTheReference() {
    // rrf of BM25 alone: order p, n2, n1 ; miner cosine 0.9 0.8 0.7: mean 0.8, sd 0.081650
    Teacher teacher = new Teacher(List.of(new Bm25Scorer()), new double[] {1}, Fusion.RRF, "t");
    double[] labels = teacher.score(List.of(relation())).get(0);
    assertThat(labels[0]).isGreaterThan(labels[2]);
    assertThat(labels[2]).isGreaterThan(labels[1]);
    assertThat(FusionTest.mean(labels)).isCloseTo(0.8, within(1e-12));
    assertThat(FusionTest.sd(labels)).isCloseTo(Math.sqrt(0.02 / 3), within(1e-12));
  }

  @Test
  void theOfflinePresetIsBuiltFromItsSpecWithBm25() {
    SynthesisModels offline = Presets.models("offline");
    assertThat(offline.teacher()).extracting(ScorerSpec::kind).contains("bm25", "bi-encoder");
    EncoderSource none =
        new EncoderSource() {
          @Override
          public BiEncoder biEncoder(String reference, int maxLength) {
            return null; // not called by the constructors under test
          }

          @Override
          public CrossEncoder crossEncoder(String reference, int maxLength) {
            return null;
          }
        };
    Teacher teacher = Teachers.fromSpec(offline, 256, none);
    assertThat(teacher.fusion().specName()).isEqualTo(offline.fusion());
    assertThat(teacher.description())
        .startsWith(offline.fusion() + "(bm25*1.0, bi-encoder:")
        .endsWith(" x3.0");
    assertThat(Teachers.describe(offline.withFeedback(0.5))).endsWith(" x3.0 feedback 0.5");
  }
}
