package dev.finesynth.teacher;

import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import java.util.ArrayList;
import java.util.List;

/** Builds the teacher a run's model spec names. */
public final class Teachers {
  private Teachers() {}

  public static Teacher fromSpec(SynthesisModels models, int maxLength, EncoderSource encoders) {
    if (!models.fusion().equals("mean")) {
      throw new IllegalArgumentException("unknown fusion '" + models.fusion() + "'; known: mean");
    }
    List<Scorer> scorers = new ArrayList<>();
    double[] weights = new double[models.teacher().size()];
    for (int i = 0; i < weights.length; i++) {
      ScorerSpec spec = models.teacher().get(i);
      scorers.add(scorer(spec, maxLength, encoders));
      weights[i] = spec.weight();
    }
    return new Teacher(scorers, weights, describe(models));
  }

  private static Scorer scorer(ScorerSpec spec, int maxLength, EncoderSource encoders) {
    return switch (spec.kind()) {
      case "bi-encoder" -> new BiEncoderScorer(encoders.biEncoder(spec.model(), maxLength));
      case "cross-encoder" ->
          new CrossEncoderScorer(encoders.crossEncoder(spec.model(), maxLength));
      default ->
          throw new IllegalArgumentException(
              "unknown scorer kind '" + spec.kind() + "'; known: bi-encoder, cross-encoder");
    };
  }

  /** A stable, readable name of the teacher, recorded with every dataset it labels. */
  public static String describe(SynthesisModels models) {
    return models.fusion()
        + "("
        + String.join(
            ", ",
            models.teacher().stream()
                .map(s -> s.kind() + ":" + s.model() + "*" + s.weight())
                .toList())
        + ")";
  }
}
