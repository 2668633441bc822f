package dev.finesynth.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A BEIR folder on the shared volume the evaluator reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationSettings {
  @Required
  @JsonPropertyDescription(
      "BEIR folder (corpus.jsonl, queries.jsonl, qrels/) on the shared volume.")
  public String path;

  @JsonPropertyDescription("Qrels split; default test.")
  public String split;

  @JsonPropertyDescription("Metric cut-offs; default 10.")
  public List<Integer> ks;
}
