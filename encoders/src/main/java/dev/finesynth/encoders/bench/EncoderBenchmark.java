package dev.finesynth.encoders.bench;

import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.BundledModels;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.ModelSource;
import dev.finesynth.encoders.TextPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of the PyTorch blocks against ONNX Runtime running the same model's ONNX file on the
 * same inputs (same tokenizer, batching and pooling on both sides): sentences per second
 * bi-encoding all-MiniLM-L6-v2 (batches of 32, about 32 tokens each), and (query, document) pairs
 * per second, about 96 tokens each, through the same transformer with a classification head.
 *
 * <p>Usage: {@code EncoderBenchmark [sentences] [pairs] [rounds]}. The last line printed is {@code
 * bi_ratio=<x> cross_ratio=<y> peak_rss_mb=<n>}, ratios being ours / ONNX Runtime.
 *
 * <p>Run it on an otherwise idle machine: with other processes on the cores, PyTorch's OpenMP
 * threads spin at barriers and its figures collapse (set {@code OMP_WAIT_POLICY=PASSIVE} where the
 * machine is shared; that costs about a tenth of the idle-machine speed).
 */
public final class EncoderBenchmark {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final String[] WORDS =
      ("search engine ranks documents by relevance to the query and models learn from clicks"
              + " users make while reading results pages kafka streams carry events between"
              + " services that train evaluate deploy vectors quickly on small machines with two"
              + " cores only memory budget tokens batch latency throughput index corpus answers")
          .split(" ");

  /** What one run measured; ratios are PyTorch over ONNX Runtime. */
  public record Result(
      double torchSentencesPerSecond,
      double torchPairsPerSecond,
      double ortSentencesPerSecond,
      double ortPairsPerSecond,
      long peakRssMb) {

    public double biRatio() {
      return torchSentencesPerSecond / ortSentencesPerSecond;
    }

    public double crossRatio() {
      return torchPairsPerSecond / ortPairsPerSecond;
    }

    public String summaryLine() {
      return String.format(
          Locale.ROOT,
          "bi_ratio=%.3f cross_ratio=%.3f peak_rss_mb=%d",
          biRatio(),
          crossRatio(),
          peakRssMb);
    }
  }

  private EncoderBenchmark() {}

  public static void main(String[] args) {
    int sentences = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 96;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    System.out.println("load average at start: " + loadAverage());
    Result r = run(sentences, pairs, rounds);
    System.out.printf(
        Locale.ROOT,
        "pytorch: %.1f sentences/s, %.1f pairs/s%n",
        r.torchSentencesPerSecond(),
        r.torchPairsPerSecond());
    System.out.printf(
        Locale.ROOT,
        "onnxruntime: %.1f sentences/s, %.1f pairs/s%n",
        r.ortSentencesPerSecond(),
        r.ortPairsPerSecond());
    System.out.println(r.summaryLine());
  }

  /**
   * Runs the four measurements {@code rounds} times, interleaved (and in alternating order), so
   * load from other processes falls on all of them alike; rates are totals over all rounds.
   */
  public static Result run(int sentenceCount, int pairCount, int rounds) {
    Random random = new Random(7);
    List<String> sentences = texts(random, sentenceCount, 26);
    List<TextPair> pairs = new ArrayList<>();
    for (String doc : texts(random, pairCount, 80)) {
      pairs.add(new TextPair(text(random, 10), doc));
    }
    EncoderOptions torch = EncoderOptions.builder().optBatchSize(32).build();
    EncoderOptions ort = torch.toBuilder().optBackend(Backend.ONNX_RUNTIME).build();
    double[] seconds = new double[4];
    try (Engines e = Engines.open(torch, ort)) {
      List<Runnable> work =
          List.of(
              () -> e.torchBi.encode(sentences),
              () -> e.ortBi.encode(sentences),
              () -> e.torchCross.score(pairs),
              () -> e.ortCross.score(pairs));
      work.forEach(Runnable::run); // warm-up: first calls allocate and pick kernels
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < work.size(); k++) {
          // swap each PyTorch/ONNX Runtime pair's order every other round
          int i = round % 2 == 0 ? k : k ^ 1;
          long start = System.nanoTime();
          work.get(i).run();
          seconds[i] += (System.nanoTime() - start) / 1e9;
        }
      }
    }
    double n = rounds;
    return new Result(
        n * sentenceCount / seconds[0],
        n * pairCount / seconds[2],
        n * sentenceCount / seconds[1],
        n * pairCount / seconds[3],
        peakRssMb());
  }

  /** The four encoders, sharing one read of the weights (which the encoders then drop). */
  private record Engines(
      BiEncoder torchBi, BiEncoder ortBi, CrossEncoder torchCross, CrossEncoder ortCross)
      implements AutoCloseable {

    static Engines open(EncoderOptions torch, EncoderOptions ort) {
      ModelSource source = BundledModels.source(MODEL);
      return new Engines(
          BiEncoder.create(source, torch),
          BiEncoder.create(source, ort),
          CrossEncoder.create(source, torch),
          CrossEncoder.create(source, ort));
    }

    @Override
    public void close() {
      torchBi.close();
      ortBi.close();
      torchCross.close();
      ortCross.close();
    }
  }

  private static List<String> texts(Random random, int count, int words) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(text(random, words + random.nextInt(5) - 2));
    }
    return out;
  }

  private static String text(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The process's peak resident set (VmHWM), or -1 where /proc is not there. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
