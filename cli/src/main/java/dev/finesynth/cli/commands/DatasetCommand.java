package dev.finesynth.cli.commands;

import dev.finesynth.cli.kafka.Cluster;
import dev.finesynth.cli.runs.RunDirectory;
import dev.finesynth.cli.runs.RunView;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Write a run's synthesized dataset (JSONL, or GPL's TSV) from the cluster.")
public class DatasetCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Option(names = "--out", required = true, description = "File to write.")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      description = "jsonl (every field) or tsv (query id, positive id, negative id, margin).")
  String format;

  @Override
  public Integer call() throws Exception {
    Cluster connection = cluster.connect();
    RunView run = RunDirectory.load(connection).find(name);
    if (!run.completedStages().contains("dataset")) {
      throw new IllegalStateException(
          "the dataset of "
              + name
              + " is not complete yet ("
              + (run.progress().containsKey("dataset")
                  ? run.progress().get("dataset").message()
                  : "no triplets yet")
              + "); follow it with ./finesynth logs "
              + name
              + " --follow");
    }
    Map<String, Triplet> rows = new LinkedHashMap<>();
    connection.read(
        Topics.TRIPLETS,
        t -> {
          if (t.runId().equals(run.spec().runId())) {
            rows.putIfAbsent(t.key(), t);
          }
        },
        () -> false);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Triplet t : rows.values()) {
        writer.write(
            "tsv".equals(format)
                ? t.queryId()
                    + "\t"
                    + t.positiveId()
                    + "\t"
                    + t.negativeId()
                    + "\t"
                    + String.format(Locale.ROOT, "%.6f", t.margin())
                : connection.codec().encode(t));
        writer.newLine();
      }
    }
    if (json()) {
      printJson(Map.of("file", out.toString(), "rows", rows.size()));
    } else {
      out().println("wrote " + rows.size() + " triplets to " + out);
    }
    return 0;
  }
}
