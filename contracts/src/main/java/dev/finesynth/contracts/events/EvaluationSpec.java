package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;
import java.util.List;

/**
 * Held-out data to measure the base and the fine-tuned model on.
 *
 * @param format {@code beir} (a folder with corpus.jsonl, queries.jsonl and qrels/*.tsv) or {@code
 *     labels} (two JSONL document sets whose items sharing a label are relevant to each other)
 * @param location the folder or file the evaluator reads
 * @param split qrels split to evaluate, e.g. {@code test}
 * @param ks cut-offs of the metrics, e.g. 10 and 20
 */
public record EvaluationSpec(String format, String location, String split, List<Integer> ks)
    implements Validated {

  @Override
  public void validate(Checks checks) {
    checks
        .id("format", format)
        .id("location", location)
        .pathSegment("split", split)
        .notEmpty("ks", ks);
    for (int i = 0; i < ks.size(); i++) {
      checks.present("ks[" + i + "]", ks.get(i)).atLeast("ks[" + i + "]", ks.get(i), 1);
    }
  }
}
