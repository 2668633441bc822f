package dev.finesynth.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a run's records are: one key of a ConfigMap in the resource's namespace, or a path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.configMap), has(self.path)].filter(x, x).size() == 1",
    message = "give exactly one of configMap and path")
public class InputSource {
  @JsonPropertyDescription(
      "A ConfigMap key; its name's extension tells the format (.jsonl, .tsv, .csv, else one record"
          + " a line).")
  public ConfigMapKey configMap;

  @JsonPropertyDescription(
      "A file (or BEIR folder) on the shared volume, as the operator mounts it.")
  public String path;

  public static InputSource configMap(String name, String key) {
    InputSource source = new InputSource();
    source.configMap = new ConfigMapKey();
    source.configMap.name = name;
    source.configMap.key = key;
    return source;
  }

  public static InputSource path(String path) {
    InputSource source = new InputSource();
    source.path = path;
    return source;
  }
}
