package dev.finesynth.cli.commands;

import dev.finesynth.cli.FinesynthHome;
import dev.finesynth.cli.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole recipe on the bundled electronics sample: start the local stack, synthesize from the
 * train queries, fine-tune, evaluate on the held-out queries, print the before/after table and
 * where everything is, and stop the stack again unless asked to keep it.
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
      defaultValue = "1",
      description = "Training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--sample", description = "A BEIR folder to use instead of the bundled sample.")
  Path sample;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path root = FinesynthHome.root();
    Path data = sample != null ? sample : root.resolve("samples/electronics");
    if (!Files.isDirectory(data)) {
      throw new IllegalStateException("the sample folder " + data + " is missing");
    }
    PrintWriter out = spec.commandLine().getOut();
    LocalStack stack = new LocalStack(root, System.out);
    boolean startedBroker = stack.bootstrapServers().isEmpty();
    String kafka = stack.bootstrapServers().orElseGet(() -> startBroker(stack));
    out.println(
        "[demo] Kafka at " + kafka + "; starting the services (first start loads the models)...");
    out.flush();
    try {
      stack.startServices(kafka, Duration.ofMinutes(5));
      String name =
          run(
                  out,
                  "synthesize",
                  "--bootstrap-servers",
                  kafka,
                  "--queries",
                  data.toString(),
                  "--corpus",
                  data.toString(),
                  "--eval",
                  data.toString(),
                  "--models",
                  "offline",
                  "--num-relations",
                  "10",
                  "--fit",
                  "--epochs",
                  Integer.toString(epochs),
                  "--warmup-steps",
                  "10",
                  "--learning-rate",
                  "2e-5")
              .trim();
      out.println("[demo] run " + name + " started; following its progress:");
      out.flush();
      int status = sub().execute("logs", name, "--follow", "--bootstrap-servers", kafka);
      out.println();
      sub().execute("metrics", name, "--bootstrap-servers", kafka);
      Path home = stack.dataDir();
      out.println();
      out.println(
          "[demo] dataset: "
              + home.resolve("datasets")
              + " (or ./finesynth dataset "
              + name
              + " --out FILE)");
      out.println(
          "[demo] model:   "
              + home.resolve("models")
              + " (or ./finesynth model "
              + name
              + " --out DIR)");
      out.println(
          "[demo] report:  " + home.resolve("reports") + " (report.md, report.json, chart.svg)");
      out.flush();
      return status;
    } finally {
      if (!keep) {
        stack.stopAll();
      } else if (startedBroker) {
        out.println("[demo] the stack keeps running; stop it with ./finesynth down");
      }
    }
  }

  private String startBroker(LocalStack stack) {
    try {
      return stack.startBroker(0);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local Kafka broker: " + e.getMessage(), e);
    }
  }

  private CommandLine sub() {
    CommandLine root = spec.root().commandLine();
    return new CommandLine(root.getCommand())
        .setOut(root.getOut())
        .setErr(root.getErr())
        .setExecutionExceptionHandler(root.getExecutionExceptionHandler());
  }

  private String run(PrintWriter out, String... args) {
    StringWriter captured = new StringWriter();
    CommandLine cmd = sub().setOut(new PrintWriter(captured));
    if (cmd.execute(args) != 0) {
      throw new IllegalStateException(args[0] + " failed");
    }
    return captured.toString();
  }
}
