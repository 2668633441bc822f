package dev.finesynth.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The documents: as an {@link InputSource}, or a corpus already on the corpus topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.configMap), has(self.path), has(self.corpusId)].filter(x, x).size() == 1",
    message = "give exactly one of configMap, path and corpusId")
public class CorpusSource {
  public ConfigMapKey configMap;

  public String path;

  @JsonPropertyDescription(
      "A corpus id on the corpus topic (another run's, or one a producer wrote); nothing is uploaded.")
  public String corpusId;
}
