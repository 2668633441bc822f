package dev.finesynth.cli;

import dev.finesynth.cli.bench.BenchCommand;
import dev.finesynth.cli.commands.CancelCommand;
import dev.finesynth.cli.commands.DatasetCommand;
import dev.finesynth.cli.commands.DemoCommand;
import dev.finesynth.cli.commands.EvaluateCommand;
import dev.finesynth.cli.commands.FitCommand;
import dev.finesynth.cli.commands.LogsCommand;
import dev.finesynth.cli.commands.MetricsCommand;
import dev.finesynth.cli.commands.ModelCommand;
import dev.finesynth.cli.commands.RunsCommand;
import dev.finesynth.cli.commands.StatusCommand;
import dev.finesynth.cli.commands.SynthesizeCommand;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./finesynth}. */
@Command(
    name = "finesynth",
    mixinStandardHelpOptions = true,
    version = "finesynth 0.1.0",
    description = "Turn unlabeled search traffic into a fine-tuned embedding model.",
    subcommands = {
      CommandLine.HelpCommand.class,
      UpCommand.class,
      DownCommand.class,
      SynthesizeCommand.class,
      RunsCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      MetricsCommand.class,
      DatasetCommand.class,
      ModelCommand.class,
      FitCommand.class,
      EvaluateCommand.class,
      CancelCommand.class,
      DemoCommand.class,
      BenchCommand.class
    })
public class FinesynthCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new FinesynthCli())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("error: " + e.getMessage());
              return 1;
            });
  }

  /** The project folder, set by the launcher script; the working directory otherwise. */
  Path root() {
    return FinesynthHome.root();
  }
}
