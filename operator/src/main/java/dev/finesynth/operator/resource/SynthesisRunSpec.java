package dev.finesynth.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * What a SynthesisRun asks for: the run request of {@code finesynth synthesize}, with its inputs by
 * reference. It may be fixed until the run starts; a change after the start is refused with a
 * condition (the run goes on as started).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SynthesisRunSpec {
  @Required
  @JsonPropertyDescription("The query log: a ConfigMap key or a file on the shared volume.")
  public InputSource queries;

  @Required
  @JsonPropertyDescription(
      "The documents: a ConfigMap key, a file or BEIR folder on the shared volume, or a corpus id"
          + " already on the corpus topic.")
  public CorpusSource corpus;

  @JsonPropertyDescription("Model preset (offline, offline-fast, gpl, ...); default offline.")
  public String preset;

  @JsonPropertyDescription("Miner model instead of the preset's (a model reference).")
  public String miner;

  @Min(2)
  @JsonPropertyDescription("Documents retrieved per query: one positive, the rest negatives.")
  public Integer numRelations;

  @Min(1)
  public Integer maxQueryLength;

  @Min(1)
  public Integer maxDocumentLength;

  @JsonPropertyDescription("Leave out records that cannot be read and finish without them.")
  public Boolean skipBadRecords;

  @JsonPropertyDescription(
      "Fine-tune the miner model on the dataset (MarginMSE); none: synthesize only.")
  public FitSettings fit;

  @JsonPropertyDescription("Held-out data to measure the base and each epoch's model on.")
  public EvaluationSettings evaluation;
}
