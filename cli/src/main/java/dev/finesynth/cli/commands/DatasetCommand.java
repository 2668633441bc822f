package dev.finesynth.cli.commands;

import dev.finesynth.contracts.datasets.CanonicalDataset;
import dev.finesynth.contracts.events.Triplet;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    var client = cluster.client();
    List<Triplet> rows = client.dataset(name);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    String checksum;
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      checksum =
          CanonicalDataset.write(
              rows,
              "tsv".equals(format) ? CanonicalDataset.Format.TSV : CanonicalDataset.Format.JSONL,
              client.cluster().codec(),
              writer);
    }
    if (json()) {
      printJson(Map.of("file", out.toString(), "rows", rows.size(), "sha256", checksum));
    } else {
      out().println("wrote " + rows.size() + " triplets to " + out + ", sha256 " + checksum);
    }
    return 0;
  }
}
