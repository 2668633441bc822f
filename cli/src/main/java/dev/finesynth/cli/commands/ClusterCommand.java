package dev.finesynth.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finesynth.cli.kafka.ClusterOptions;
import dev.finesynth.cli.progress.ProgressDisplay;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunStatus;
import dev.finesynth.contracts.codec.EventCodec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command that talks to the cluster shares: where it is, and how to print. */
abstract class ClusterCommand implements Callable<Integer> {
  static final ObjectMapper JSON =
      EventCodec.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin ClusterOptions cluster;

  @Option(names = "--output", defaultValue = "text", description = "text or json (for scripts).")
  String output;

  @Spec CommandSpec spec;

  boolean json() {
    return "json".equalsIgnoreCase(output);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Waits for the run to end, showing its progress unless the output is JSON. */
  RunStatus await(FinesynthClient client, String runName) {
    if (json()) {
      return client.follow(runName, event -> {});
    }
    try (ProgressDisplay progress = ProgressDisplay.open(out())) {
      return client.follow(runName, progress);
    }
  }

  void printJson(Object value) throws Exception {
    out().println(JSON.writeValueAsString(value));
    out().flush();
  }
}
