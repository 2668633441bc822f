package dev.finesynth.teacher;

import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import java.util.ArrayList;
import java.util.List;

/** Builds the teacher a run's model spec names. */
public final class Teachers {
  private Teachers() {}

  public static Teacher fromSpec(SynthesisModels models, int maxLength, EncoderSource encoders) {
    Fusion fusion = Fusion.of(models.fusion());
    List<Scorer> scorers = new ArrayList<>();
    double[] weights = new double[models.teacher().size()];
    for (int i = 0; i < weights.length; i++) {
      ScorerSpec spec = models.teacher().get(i);
      scorers.add(scorer(spec, maxLength, encoders));
      weights[i] = spec.weight();
    }
    return new Teacher(
        scorers,
        weights,
        fusion,
        models.labelScaleOrDefault(),
        models.feedbackOrDefault(),
        describe(models));
  }

  private static Scorer scorer(ScorerSpec spec, int maxLength, EncoderSource encoders) {
    return switch (spec.kind()) {
      case ScorerSpec.BI_ENCODER ->
          new BiEncoderScorer(encoders.biEncoder(spec.model(), maxLength));
      case ScorerSpec.CROSS_ENCODER ->
          new CrossEncoderScorer(encoders.crossEncoder(spec.model(), maxLength));
      case ScorerSpec.BM25 -> new Bm25Scorer();
      default ->
          throw new IllegalArgumentException(
              "unknown scorer kind '" + spec.kind() + "'; known: bi-encoder, cross-encoder, bm25");
    };
  }

  /** A stable, readable name of the teacher, recorded with every dataset it labels. */
  public static String describe(SynthesisModels models) {
    return models.fusion()
        + "("
        + String.join(
            ", ", models.teacher().stream().map(s -> s.label() + "*" + s.weight()).toList())
        + ")"
        + (models.labelScaleOrDefault() == 1 ? "" : " x" + models.labelScaleOrDefault())
        + (models.feedbackOrDefault() == 0 ? "" : " feedback " + models.feedbackOrDefault());
  }
}
