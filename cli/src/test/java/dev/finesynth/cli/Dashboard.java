package dev.finesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The Prometheus metric names the Grafana dashboard's queries name. */
final class Dashboard {
  // the project's, Kafka clients' and JVM meters; PromQL functions and labels never start so
  private static final Pattern METRIC =
      Pattern.compile("\\b(?:finesynth|kafka|jvm|http|process)_[a-z0-9_]+");

  private Dashboard() {}

  static Set<String> metricNames(Path dashboard) throws IOException {
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : new ObjectMapper().readTree(dashboard.toFile()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        METRIC.matcher(target.path("expr").asText()).results().forEach(m -> names.add(m.group()));
      }
    }
    return names;
  }
}
