package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;
import java.util.List;

/**
 * The models of a synthesis run.
 *
 * @param preset the preset they came from ({@code en}, {@code multi}, {@code offline}) or {@code
 *     custom}
 * @param miner bi-encoder that retrieves the positive and the hard negatives
 * @param teacher scorers whose fused score labels each triplet
 * @param fusion how the teacher's scores combine: {@code mean} (plain average of raw scores)
 */
public record SynthesisModels(String preset, String miner, List<ScorerSpec> teacher, String fusion)
    implements Validated {

  @Override
  public void validate(Checks checks) {
    checks
        .id("preset", preset)
        .id("miner", miner)
        .notEmpty("teacher", teacher)
        .id("fusion", fusion);
    for (int i = 0; i < teacher.size(); i++) {
      checks.nested("teacher[" + i + "]", teacher.get(i));
    }
  }
}
