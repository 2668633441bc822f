package dev.finesynth.cli.commands;

import dev.finesynth.cli.FinesynthHome;
import dev.finesynth.cli.bench.RecipeRunner;
import dev.finesynth.cli.stack.LocalStack;
import dev.finesynth.cli.stack.ReplicaOptions;
import dev.finesynth.cli.stack.StackSession;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunStatus;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole recipe on the bundled electronics sample: start the local stack, synthesize from the
 * train queries, fine-tune, evaluate on the held-out queries, print the before/after table and
 * where everything is, and stop what it started unless asked to keep it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run synthesis, fine-tuning and evaluation on the bundled sample, end to end, on this machine.")
public class DemoCommand implements Callable<Integer> {
  @Option(names = "--keep", description = "Leave the local stack running afterwards.")
  boolean keep;

  @Option(
      names = "--epochs",
      defaultValue = "2",
      description = "Training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--sample", description = "A BEIR folder to use instead of the bundled sample.")
  Path sample;

  @Option(
      names = "--containers",
      description =
          "Run each service in its podman container (finesynth/<service>:<version>, host network)"
              + " instead of as a java process; build the images first with ./finesynth images"
              + " --load.")
  boolean containers;

  @Option(
      names = "--image-version",
      description = "Tag of the images for --containers (default: this CLI's version).")
  String imageVersion;

  @Option(
      names = "--state",
      description = "State folder of the stack it starts (default: .finesynth in the checkout).")
  Path state;

  @Option(
      names = "--base-port",
      defaultValue = "8081",
      description = "HTTP port of the first service; the others follow (default ${DEFAULT-VALUE}).")
  int basePort;

  @Mixin ReplicaOptions replicas = new ReplicaOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path root = FinesynthHome.root();
    Path data = sample != null ? sample : root.resolve("samples/electronics");
    if (!Files.isDirectory(data)) {
      throw new IllegalStateException("the sample folder " + data + " is missing");
    }
    PrintWriter out = spec.commandLine().getOut();
    TrainingSpec training =
        TrainingSpec.defaults()
            .withSchedule("AdamW", 2e-5, epochs, 32, 10)
            .withCheckpointEverySteps(50);
    try (StackSession session =
        StackSession.open(
            root,
            state != null ? state.toAbsolutePath() : root.resolve(".finesynth"),
            basePort,
            replicas,
            keep,
            containers
                ? (imageVersion != null ? imageVersion : LocalStack.defaultImageVersion())
                : null,
            List.of(data),
            out)) {
      FinesynthClient client = FinesynthClient.connect(session.connection(), Topics.DEFAULT_PREFIX);
      var outcome =
          RecipeRunner.run(
              client,
              data,
              Presets.models(Presets.DEFAULT),
              10,
              new PseudoQueryOption(),
              training,
              List.of(10),
              out);
      Path home = session.stack().dataDir();
      String runId = client.run(outcome.name()).spec().runId();
      out.println();
      out.println("[demo] run:     " + outcome.name() + " " + outcome.status());
      out.println(
          "[demo] dataset: "
              + home.resolve("datasets").resolve(runId)
              + "  (./finesynth dataset "
              + outcome.name()
              + " --out FILE)");
      out.println(
          "[demo] model:   "
              + home.resolve("models").resolve(runId)
              + "  (./finesynth model "
              + outcome.name()
              + " --out DIR)");
      out.println(
          "[demo] report:  "
              + home.resolve("reports").resolve(runId)
              + "  (report.md, report.json, chart.svg)");
      out.flush();
      return outcome.status() == RunStatus.FINISHED ? 0 : 1;
    }
  }
}
