package dev.finesynth.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./finesynth}. */
@Command(
    name = "finesynth",
    mixinStandardHelpOptions = true,
    version = "finesynth 0.1.0",
    description = "Turn unlabeled search traffic into a fine-tuned embedding model.",
    subcommands = {CommandLine.HelpCommand.class, UpCommand.class, DownCommand.class})
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
    String home = System.getenv("FINESYNTH_HOME");
    return Path.of(home != null ? home : "").toAbsolutePath();
  }
}
