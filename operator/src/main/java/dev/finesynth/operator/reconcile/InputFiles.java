package dev.finesynth.operator.reconcile;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.contracts.paths.UnsafePathException;
import dev.finesynth.operator.resource.ConfigMapKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SynthesisRun's inputs as files the client's readers take: a ConfigMap key written to a scratch
 * folder under its own name (the name's extension tells the format), or a path under the shared
 * volume, the only part of the operator's filesystem a resource may name.
 */
final class InputFiles {
  private final KubernetesClient kubernetes;
  private final Path sharedRoot;

  InputFiles(KubernetesClient kubernetes, Path sharedRoot) {
    this.kubernetes = kubernetes;
    this.sharedRoot = sharedRoot.toAbsolutePath().normalize();
  }

  Path configMap(String namespace, ConfigMapKey ref, Path scratch) {
    ConfigMap map = kubernetes.configMaps().inNamespace(namespace).withName(ref.name).get();
    if (map == null) {
      throw SpecProblem.missing("ConfigMap " + namespace + "/" + ref.name + " not found");
    }
    String text = map.getData() == null ? null : map.getData().get(ref.key);
    if (text == null) {
      throw SpecProblem.missing(
          "ConfigMap " + namespace + "/" + ref.name + " has no key '" + ref.key + "'");
    }
    try {
      Path file = PathSegments.child(scratch, "configMap key", ref.key);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (UnsafePathException badKey) {
      throw SpecProblem.invalid(badKey.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path shared(String field, String path) {
    Path resolved;
    try {
      resolved = PathSegments.inside(sharedRoot, field, sharedRoot.resolve(path)).normalize();
    } catch (UnsafePathException outside) {
      throw SpecProblem.invalid(outside.getMessage() + " (the shared volume)");
    }
    if (!Files.exists(resolved)) {
      throw SpecProblem.missing(field + " " + resolved + " does not exist on the shared volume");
    }
    return resolved;
  }
}
