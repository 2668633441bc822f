package dev.finesynth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./finesynth}. */
@Command(
    name = "finesynth",
    mixinStandardHelpOptions = true,
    version = "finesynth 0.1.0",
    description = "Turn unlabeled search traffic into a fine-tuned embedding model.",
    subcommands = {CommandLine.HelpCommand.class})
public class FinesynthCli {
  public static void main(String[] args) {
    System.exit(new CommandLine(new FinesynthCli()).execute(args));
  }
}
