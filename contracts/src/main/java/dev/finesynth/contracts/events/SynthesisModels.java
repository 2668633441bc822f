package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.InvalidEventException;
import dev.finesynth.contracts.validation.Validated;
import java.util.List;
import java.util.Set;

/**
 * The models of a synthesis run, and how the miner and the teacher use them.
 *
 * @param preset the preset they came from ({@code en}, {@code multi}, {@code offline}, {@code
 *     offline-fast}) or {@code custom}
 * @param miner bi-encoder that retrieves the positive and the hard negatives
 * @param teacher scorers whose fused score labels each triplet
 * @param fusion how the teacher's scores combine: {@code mean} (weighted mean of raw scores, for
 *     scorers on one scale), {@code zscore} (weighted mean of per-query standard scores) or {@code
 *     rrf} (weighted reciprocal-rank fusion, k = 60); the last two are put back on the cosine scale
 *     (see the teacher module's {@code Fusion})
 * @param lexicalShare share of each query's {@code numRelations} candidates that come from the
 *     miner's BM25 index instead of the dense index (hybrid mining); null means 0, dense only
 * @param positive who picks the positive among the candidates: {@code miner} (its top dense hit,
 *     rank 1) or {@code teacher} (the candidate with the highest fused teacher score); null means
 *     {@code miner}
 * @param labelScale stretches each query's labels around their mean, so margins grow by this
 *     factor: it matches the teacher's score spread to the student's. Bundled bi-encoder teachers
 *     (bge, e5) spread their cosines over about a third of what the all-MiniLM student does, and
 *     margins that small teach the student to squeeze its scores together; null means 1
 * @param feedback weight of pseudo-relevance feedback in the teacher: before the final fusion each
 *     bi-encoder scorer adds this weight times the candidate's cosine to the teacher's first-pass
 *     best candidate (the best one itself takes its cosine to the second best); null means 0, none
 */
public record SynthesisModels(
    String preset,
    String miner,
    List<ScorerSpec> teacher,
    String fusion,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double lexicalShare,
    @JsonInclude(JsonInclude.Include.NON_NULL) String positive,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double labelScale,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double feedback)
    implements Validated {
  public static final String POSITIVE_MINER = "miner";
  public static final String POSITIVE_TEACHER = "teacher";
  private static final Set<String> FUSIONS = Set.of("mean", "zscore", "rrf");

  /** Dense mining, the miner's positive. */
  public SynthesisModels(String preset, String miner, List<ScorerSpec> teacher, String fusion) {
    this(preset, miner, teacher, fusion, null, null, null);
  }

  /** Mining settings given, labels unscaled. */
  public SynthesisModels(
      String preset,
      String miner,
      List<ScorerSpec> teacher,
      String fusion,
      Double lexicalShare,
      String positive) {
    this(preset, miner, teacher, fusion, lexicalShare, positive, null);
  }

  /** Mining and label settings given, no feedback. */
  public SynthesisModels(
      String preset,
      String miner,
      List<ScorerSpec> teacher,
      String fusion,
      Double lexicalShare,
      String positive,
      Double labelScale) {
    this(preset, miner, teacher, fusion, lexicalShare, positive, labelScale, null);
  }

  /** The same models mined and labelled with these settings (null for the defaults). */
  public SynthesisModels withMining(Double lexicalShare, String positive) {
    return new SynthesisModels(
        preset, miner, teacher, fusion, lexicalShare, positive, labelScale, feedback);
  }

  /** The same models with another fusion. */
  public SynthesisModels withFusion(String fusion) {
    return new SynthesisModels(
        preset, miner, teacher, fusion, lexicalShare, positive, labelScale, feedback);
  }

  /** The same settings with another preset name and miner. */
  public SynthesisModels withMiner(String preset, String miner) {
    return new SynthesisModels(
        preset, miner, teacher, fusion, lexicalShare, positive, labelScale, feedback);
  }

  /** The same models with labels stretched by {@code labelScale} (null for 1). */
  public SynthesisModels withLabelScale(Double labelScale) {
    return new SynthesisModels(
        preset, miner, teacher, fusion, lexicalShare, positive, labelScale, feedback);
  }

  /** The same models with pseudo-relevance feedback of this weight (null for none). */
  public SynthesisModels withFeedback(Double feedback) {
    return new SynthesisModels(
        preset, miner, teacher, fusion, lexicalShare, positive, labelScale, feedback);
  }

  /**
   * The models as the services use them: models that name a known preset and give no teacher (a
   * plain producer's {@code "models": {"preset": "offline-fast"}}) take every setting they leave
   * out from that preset, labels stretched and all. Models that give a teacher are taken as
   * written: their unset settings keep their neutral defaults (a custom teacher is not stretched).
   */
  public SynthesisModels withPresetDefaults() {
    if (preset == null
        || !Presets.names().contains(preset)
        || (teacher != null && !teacher.isEmpty())) {
      return this;
    }
    SynthesisModels p = Presets.models(preset);
    return new SynthesisModels(
        preset,
        miner != null ? miner : p.miner,
        teacher != null && !teacher.isEmpty() ? teacher : p.teacher,
        fusion != null ? fusion : p.fusion,
        lexicalShare != null ? lexicalShare : p.lexicalShare,
        positive != null ? positive : p.positive,
        labelScale != null ? labelScale : p.labelScale,
        feedback != null ? feedback : p.feedback);
  }

  /** The weight of pseudo-relevance feedback, 0 when not set. */
  public double feedbackOrDefault() {
    return feedback == null ? 0 : feedback;
  }

  /** The factor margins are stretched by, 1 when not set. */
  public double labelScaleOrDefault() {
    return labelScale == null ? 1 : labelScale;
  }

  /** The share of lexical candidates, 0 when not set. */
  public double lexicalShareOrDefault() {
    return lexicalShare == null ? 0 : lexicalShare;
  }

  /** {@code miner} or {@code teacher}; {@code miner} when not set. */
  public String positiveOrDefault() {
    return positive == null ? POSITIVE_MINER : positive;
  }

  @Override
  public void validate(Checks checks) {
    checks
        .id("preset", preset)
        .id("miner", miner)
        .notEmpty("teacher", teacher)
        .id("fusion", fusion);
    if (!FUSIONS.contains(fusion)) {
      throw new InvalidEventException("fusion", "is '" + fusion + "', must be mean, zscore or rrf");
    }
    for (int i = 0; i < teacher.size(); i++) {
      checks.nested("teacher[" + i + "]", teacher.get(i));
    }
    if (lexicalShare != null && !(lexicalShare >= 0 && lexicalShare <= 1)) {
      throw new InvalidEventException(
          "lexicalShare", "is " + lexicalShare + ", must be between 0 and 1");
    }
    if (labelScale != null && !(labelScale > 0 && labelScale <= 100)) {
      throw new InvalidEventException(
          "labelScale", "is " + labelScale + ", must be above 0 and at most 100");
    }
    if (feedback != null && !(feedback >= 0 && feedback <= 10)) {
      throw new InvalidEventException("feedback", "is " + feedback + ", must be between 0 and 10");
    }
    if (feedbackOrDefault() > 0
        && teacher.stream().noneMatch(s -> s.kind().equals(ScorerSpec.BI_ENCODER))) {
      throw new InvalidEventException(
          "feedback", "needs a bi-encoder in the teacher: only bi-encoders have document vectors");
    }
    if (positive != null
        && !positive.equals(POSITIVE_MINER)
        && !positive.equals(POSITIVE_TEACHER)) {
      throw new InvalidEventException(
          "positive", "is '" + positive + "', must be miner or teacher");
    }
  }
}
