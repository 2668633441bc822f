package dev.finesynth.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordered maps written as YAML in the order given, so generated manifests read like handwritten.
 */
final class Maps {
  private Maps() {}

  /** A map of alternating keys and values; null values are left out. */
  static Map<String, Object> of(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** A Kubernetes object's head: apiVersion, kind and metadata with the project's labels. */
  static Map<String, Object> resource(
      String apiVersion, String kind, String name, Map<String, String> labels, Object spec) {
    return of(
        "apiVersion", apiVersion,
        "kind", kind,
        "metadata", of("name", name, "labels", labels),
        "spec", spec);
  }
}
