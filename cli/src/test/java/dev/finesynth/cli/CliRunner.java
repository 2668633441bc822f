package dev.finesynth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM against a test stack and keeps what it printed. */
final class CliRunner {
  private final List<String> connection;

  CliRunner(String bootstrapServers, String prefix) {
    this(List.of("--bootstrap-servers", bootstrapServers, "--topic-prefix", prefix));
  }

  /** With these cluster options after each command's own arguments. */
  CliRunner(List<String> connection) {
    this.connection = List.copyOf(connection);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(connection);
    int code =
        FinesynthCli.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(full.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {}
}
