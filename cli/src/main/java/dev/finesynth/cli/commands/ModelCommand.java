package dev.finesynth.cli.commands;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Copy a run's fine-tuned model (a sentence-transformers folder) to a local folder.")
public class ModelCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Option(names = "--out", required = true, description = "Folder to write the model into.")
  Path out;

  @Option(names = "--epoch", description = "An epoch's model instead of the final one.")
  Integer epoch;

  @Override
  public Integer call() throws Exception {
    Cluster connection = cluster.connect();
    RunView run = RunDirectory.load(connection).find(name);
    List<ModelArtifact> models = new ArrayList<>();
    connection.read(
        Topics.MODELS,
        m -> {
          if (m.runId().equals(run.spec().runId())) {
            models.add(m);
          }
        },
        () -> false);
    ModelArtifact model =
        models.stream()
            .filter(m -> epoch == null ? m.finalModel() : m.epoch() == epoch)
            .max(Comparator.comparing(ModelArtifact::timestamp))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no "
                            + (epoch == null ? "final" : "epoch " + epoch)
                            + " model for "
                            + name
                            + " yet (status "
                            + run.status()
                            + ")"));
    Path source = Path.of(model.location());
    if (!Files.isDirectory(source)) {
      throw new IllegalStateException(
          "the model store "
              + source
              + " is not reachable from this machine; "
              + "mount the trainer's model volume or copy it from there");
    }
    copy(source, out);
    if (json()) {
      printJson(
          Map.of("folder", out.toString(), "epoch", model.epoch(), "baseModel", model.baseModel()));
    } else {
      out()
          .println(
              "model of "
                  + name
                  + " (epoch "
                  + model.epoch()
                  + ", fine-tuned from "
                  + model.baseModel()
                  + ") written to "
                  + out
                  + "; load it with SentenceTransformer('"
                  + out
                  + "')");
    }
    return 0;
  }

  static void copy(Path source, Path target) throws IOException {
    try (var files = Files.walk(source)) {
      files.forEach(
          file -> {
            try {
              Path to = target.resolve(source.relativize(file).toString());
              if (Files.isDirectory(file)) {
                Files.createDirectories(to);
              } else {
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
