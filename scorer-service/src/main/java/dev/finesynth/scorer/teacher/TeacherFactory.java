package dev.finesynth.scorer.teacher;

import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.servicekit.EncoderCache;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds, once per distinct spec, the teacher a run's models name. */
@Singleton
public class TeacherFactory {
  @Inject EncoderCache encoders;

  private final Map<String, Teacher> teachers = new ConcurrentHashMap<>();

  public Teacher forRun(RunSpec run) {
    var models = run.models();
    String key = models.teacher() + "|" + models.fusion() + "|" + run.maxDocumentLength();
    return teachers.computeIfAbsent(key, k -> build(run));
  }

  private Teacher build(RunSpec run) {
    if (!run.models().fusion().equals("mean")) {
      throw new IllegalArgumentException("unknown fusion '" + run.models().fusion() + "'; known: mean");
    }
    List<Scorer> scorers = new ArrayList<>();
    double[] weights = new double[run.models().teacher().size()];
    int i = 0;
    for (ScorerSpec spec : run.models().teacher()) {
      scorers.add(scorer(spec, run.maxDocumentLength()));
      weights[i++] = spec.weight();
    }
    return new Teacher(scorers, weights, describe(run));
  }

  private Scorer scorer(ScorerSpec spec, int maxLength) {
    return switch (spec.kind()) {
      case "bi-encoder" -> new BiEncoderScorer(encoders.biEncoder(spec.model(), maxLength));
      case "cross-encoder" -> new CrossEncoderScorer(encoders.crossEncoder(spec.model(), maxLength));
      default -> throw new IllegalArgumentException(
          "unknown scorer kind '" + spec.kind() + "'; known: bi-encoder, cross-encoder");
    };
  }

  private static String describe(RunSpec run) {
    return run.models().fusion() + "(" + String.join(", ",
        run.models().teacher().stream().map(s -> s.kind() + ":" + s.model() + "*" + s.weight()).toList()) + ")";
  }
}
