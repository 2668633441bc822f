package dev.finesynth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in this JVM against a test stack and keeps what it printed. */
final class CliRunner {
  private final String bootstrapServers;
  private final String prefix;

  CliRunner(String bootstrapServers, String prefix) {
    this.bootstrapServers = bootstrapServers;
    this.prefix = prefix;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--bootstrap-servers";
    full[args.length + 1] = bootstrapServers;
    full[args.length + 2] = "--topic-prefix";
    full[args.length + 3] = prefix;
    int code =
        FinesynthCli.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(full);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {}
}
