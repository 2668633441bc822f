package dev.finesynth.cli.bench;

import dev.finesynth.encoders.bench.EncoderBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "encoders",
    mixinStandardHelpOptions = true,
    description =
        "Bi-encoder sentences/s and cross-encoder pairs/s of our PyTorch path against ONNX Runtime.")
public class BenchEncodersCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    EncoderBenchmark.main(new String[0]);
    return 0;
  }
}
