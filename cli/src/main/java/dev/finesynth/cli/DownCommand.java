package dev.finesynth.cli;

import dev.finesynth.cli.stack.LocalStack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Stop every service instance and the broker that `up` started; runs, datasets and models"
            + " stay for the next `up`.")
class DownCommand implements Callable<Integer> {
  @ParentCommand FinesynthCli cli;

  @Option(
      names = "--purge",
      description = "Also delete the broker's storage and the services' data: forget every run.")
  boolean purge;

  @Override
  public Integer call() throws Exception {
    int stopped = new LocalStack(cli.root(), System.out).stopAll(purge);
    System.out.println(stopped == 0 ? "nothing was running" : "finesynth is down");
    return 0;
  }
}
