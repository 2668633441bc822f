package dev.finesynth.cli.bench;

import picocli.CommandLine.Command;

/** Benchmarks that print their figures; targets live here, not in timed unit tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure encoders, the synthesis pipeline, teacher strength and end-to-end quality.",
    subcommands = {
      BenchEncodersCommand.class,
      BenchSynthesisCommand.class,
      BenchScaleCommand.class,
      BenchQualityCommand.class,
      BenchTeacherCommand.class
    })
public class BenchCommand {}
