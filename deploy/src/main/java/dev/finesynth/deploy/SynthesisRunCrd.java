package dev.finesynth.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.finesynth.operator.resource.SynthesisRun;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SynthesisRun CustomResourceDefinition, as fabric8's CRD generator makes it from the
 * operator's resource classes (schema, required fields, minimums, CEL rules, printer columns, the
 * status subresource), with the project's label added.
 */
final class SynthesisRunCrd {
  static final String PLURAL = "synthesisruns";
  static final String NAME = PLURAL + "." + SynthesisRun.GROUP;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SynthesisRunCrd() {}

  static Map<String, Object> definition() {
    Map<String, ByteArrayOutputStream> written = new LinkedHashMap<>();
    new CRDGenerator()
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false)
        .withOutput(
            new CRDGenerator.CRDOutput<ByteArrayOutputStream>() {
              @Override
              public ByteArrayOutputStream outputFor(String crdName) {
                return written.computeIfAbsent(crdName, n -> new ByteArrayOutputStream());
              }

              @Override
              public void close() {}
            })
        .customResourceClasses(SynthesisRun.class)
        .generate();
    if (!written.keySet().equals(Set.of(NAME + "-v1"))) {
      throw new IllegalStateException("expected one CRD " + NAME + ", got " + written.keySet());
    }
    Map<String, Object> crd;
    try {
      crd = YAML.readValue(written.get(NAME + "-v1").toByteArray(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) crd.get("metadata");
    metadata.put("labels", Map.of("app.kubernetes.io/part-of", "finesynth"));
    // the generator sorts the printer columns by name; kubectl shows them in the CRD's order, so
    // they go back to the order SynthesisRun declares them in
    List<String> declared =
        Arrays.stream(SynthesisRun.class.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (Map<String, Object> version : list(crd.get("spec"), "versions")) {
      list(version, "additionalPrinterColumns")
          .sort(Comparator.comparingInt(column -> declared.indexOf((String) column.get("name"))));
    }
    return crd;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object map, String field) {
    return (List<Map<String, Object>>) ((Map<String, Object>) map).get(field);
  }
}
