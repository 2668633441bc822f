package dev.finesynth.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** MarginMSE fine-tuning; what is not given keeps the trainer's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FitSettings {
  @JsonPropertyDescription("Model to fine-tune; default the run's miner model.")
  public String baseModel;

  @Min(1)
  public Integer epochs;

  public Double learningRate;

  @Min(1)
  public Integer batchSize;

  public Long seed;
}
