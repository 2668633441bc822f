package dev.finesynth.cli.commands;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.retrieval.ModelEvaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures models on a BEIR split without a cluster: the evaluator service's metrics and
 * conventions (whole corpus, title + text, exact search), for a model pulled with {@code finesynth
 * model}, a bundled one or a hub one, side by side.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Retrieval metrics of one or more models on a BEIR folder (no cluster needed): a pulled"
            + " model folder, a bundled model or a hub model, side by side.")
public class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      description = "Model to evaluate: a folder, a bundled name or a hub id (repeatable).")
  List<String> models;

  @Option(
      names = "--beir",
      required = true,
      description = "BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.")
  Path beir;

  @Option(
      names = "--split",
      defaultValue = "test",
      description = "Judgments to use (default ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--k",
      split = ",",
      defaultValue = "10",
      description = "Cut-offs, e.g. 10,20 (default ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(
      names = "--max-length",
      defaultValue = "256",
      description = "Tokens per text (default ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--output", defaultValue = "text", description = "text or json (for scripts).")
  String output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (ks.stream().anyMatch(k -> k < 1)) {
      throw new IllegalArgumentException("--k values must be at least 1: " + ks);
    }
    EvaluationSet set = BeirLoader.load(beir, split);
    Map<String, RetrievalReport> reports = new LinkedHashMap<>();
    for (String model : models.stream().distinct().toList()) {
      try (BiEncoder encoder = Encoders.fromEnvironment().inferenceBiEncoder(model, maxLength)) {
        reports.put(
            model,
            ModelEvaluator.evaluate(
                ModelEvaluator.index(set.corpus(), encoder::encodePassages),
                encoder::encodeQueries,
                set,
                ks));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if ("json".equalsIgnoreCase(output)) {
      Map<String, Map<String, Double>> means = new LinkedHashMap<>();
      reports.forEach((model, report) -> means.put(model, report.means()));
      out.println(ClusterCommand.JSON.writeValueAsString(means));
    } else {
      print(out, set, reports);
    }
    out.flush();
    return 0;
  }

  /** Column labels: the models' names, or [1], [2], ... when a name would make a wide column. */
  public static List<String> labels(List<String> names) {
    boolean fit = names.stream().allMatch(n -> n.length() <= 24);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      labels.add(fit ? names.get(i) : "[" + (i + 1) + "]");
    }
    return labels;
  }

  private void print(PrintWriter out, EvaluationSet set, Map<String, RetrievalReport> reports) {
    RetrievalReport first = reports.values().iterator().next();
    out.printf(
        Locale.ROOT,
        "# %s, %s split: %d judged queries (%d without a relevant document left out), %d documents%n",
        beir.getFileName(),
        split,
        first.evaluatedQueries(),
        first.skippedQueries(),
        set.corpus().size());
    List<String> names = List.copyOf(reports.keySet());
    List<String> labels = labels(names);
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.get(i).equals(names.get(i))) {
        out.printf(Locale.ROOT, "# %s = %s%n", labels.get(i), names.get(i));
      }
    }
    int width = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
    out.printf(Locale.ROOT, "%-14s", "metric");
    for (String label : labels) {
      out.printf(Locale.ROOT, "%" + width + "s", label);
    }
    out.println();
    for (int k : first.ks()) {
      for (Metric metric : Metric.values()) {
        out.printf(Locale.ROOT, "%-14s", metric.at(k));
        for (RetrievalReport report : reports.values()) {
          out.printf(Locale.ROOT, "%" + width + ".4f", report.mean(metric, k));
        }
        out.println();
      }
    }
  }
}
