package dev.finesynth.operator.resource;

import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap in the SynthesisRun's namespace. */
public class ConfigMapKey {
  @Required public String name;
  @Required public String key;
}
