package dev.finesynth.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.tokenize.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fine-tunes a bi-encoder student with MarginMSE on a fixed list of triplets: seeded shuffling per
 * epoch, Adam or AdamW, linear warmup and decay, clipping by global gradient norm, checkpoints that
 * resume to the same weights as an uninterrupted run.
 *
 * <p>The student's weights are trained in place: after (or between) steps, {@code
 * encoder.encode(...)} uses them. Not thread-safe; do not encode with the student while a step
 * runs. Dropout is off (the blocks have none), so a run is a function of the data, the settings and
 * the seed.
 *
 * <pre>{@code
 * try (MarginMseTrainer trainer = MarginMseTrainer.builder()
 *     .setEncoder(student).setTrainingData(triplets)
 *     .optEpochs(1).optBatchSize(16).optWarmupSteps(100)
 *     .optProgressListener(p -> log.info("{}", p)).build()) {
 *   trainer.train();
 * }
 * }</pre>
 */
public final class MarginMseTrainer implements AutoCloseable {
  /**
   * {@link Builder#optWarmupSteps} value for a warmup over the first 10% of all steps, the
   * sentence-transformers convention: a fixed count would never end on a small dataset.
   */
  public static final int AUTO_WARMUP = -1;

  private final BiEncoder encoder;
  private final ShuffledBatches batches;
  private final int epochs;
  private final double maxGradNorm;
  private final OptimizerKind optimizerKind;
  private final ProgressListener listener;
  private final int checkpointEvery;
  private final Path checkpointFolder;
  private final TextTokenizer tokenizer;
  private final MarginMseLoss loss;
  private final AdamOptimizer optimizer;
  private final LinearSchedule schedule;
  private final List<Parameter> frozen = new ArrayList<>();
  private int epoch;
  private int batchInEpoch;
  private long sessionExamples;
  private long sessionNanos;

  private MarginMseTrainer(Builder b) {
    this.encoder = Objects.requireNonNull(b.encoder, "setEncoder is required");
    Objects.requireNonNull(b.data, "setTrainingData is required");
    this.batches =
        b.tripletsPerQuery == ShuffledBatches.WHOLE_QUERY
            ? ShuffledBatches.wholeQueries(b.data, b.batchSize, b.seed, b.shuffle)
            : new ShuffledBatches(b.data, b.batchSize, b.seed, b.shuffle, b.tripletsPerQuery);
    this.epochs = b.epochs;
    this.maxGradNorm = b.maxGradNorm;
    this.optimizerKind = b.optimizer;
    this.listener = b.listener;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointFolder = b.checkpointFolder;
    int maxLength = b.maxLength > 0 ? b.maxLength : encoder.tokenizer().maxLength();
    this.tokenizer =
        new TextTokenizer(encoder.tokenizerJson(), maxLength, encoder.config().padTokenId());
    this.loss = new MarginMseLoss(encoder, tokenizer, b.similarity, b.scale, b.listwise);
    if (b.freezeWordEmbeddings) {
      for (Map.Entry<String, Parameter> e : StateDict.parameters(encoder.block()).entrySet()) {
        if (e.getKey().endsWith(TrainableParameter.WORD_EMBEDDINGS)
            && e.getValue().requiresGradient()) {
          e.getValue().freeze(true);
          frozen.add(e.getValue());
        }
      }
    }
    AdamOptimizer.Settings defaults = AdamOptimizer.Settings.defaults(b.optimizer);
    try {
      this.optimizer =
          new AdamOptimizer(
              TrainableParameter.of(encoder.block()),
              new AdamOptimizer.Settings(
                  b.optimizer,
                  b.weightDecay != null ? b.weightDecay : defaults.weightDecay(),
                  b.beta1,
                  b.beta2,
                  b.epsilon),
              encoder.manager());
    } catch (RuntimeException e) {
      unfreeze();
      tokenizer.close();
      throw e;
    }
    long warmup = b.warmupSteps == AUTO_WARMUP ? Math.round(totalSteps() * 0.1) : b.warmupSteps;
    this.schedule = new LinearSchedule(b.learningRate, warmup, totalSteps());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains on the next batch: forward and backward, clipping, one optimizer update.
   *
   * @throws IllegalStateException when training is finished, or when the loss or the gradients are
   *     not finite (the weights are then left as they were)
   */
  public TrainingProgress step() {
    if (finished()) {
      throw new IllegalStateException("training is finished after " + totalSteps() + " steps");
    }
    int batchEpoch = epoch;
    int batchIndex = batchInEpoch;
    List<MarginTriplet> batch = batches.batch(batchEpoch, batchIndex);
    long start = System.nanoTime();
    float value;
    try {
      value = loss.backward(batch);
    } catch (RuntimeException e) {
      zeroGradients(); // what a failed pass accumulated must not reach the next step
      throw e;
    }
    float lr = schedule.learningRate(optimizer.step());
    double gradNorm;
    try (NDManager scope = encoder.manager().newSubManager()) {
      List<NDArray> gradients = gradients(scope);
      gradNorm = GradientClipping.clipByGlobalNorm(gradients, maxGradNorm);
      if (!Float.isFinite(value) || !Double.isFinite(gradNorm)) {
        zeroGradients();
        throw new IllegalStateException(
            "loss " + value + ", gradient norm " + gradNorm + " at step " + optimizer.step());
      }
      optimizer.update(lr, gradients);
      zeroGradients();
    }
    long nanos = System.nanoTime() - start;
    sessionNanos += nanos;
    sessionExamples += batch.size();
    if (++batchInEpoch == batches.batchesPerEpoch()) {
      epoch++;
      batchInEpoch = 0;
    }
    TrainingProgress progress =
        new TrainingProgress(
            batchEpoch,
            batchIndex,
            optimizer.step(),
            totalSteps(),
            value,
            lr,
            gradNorm,
            batch.size(),
            nanos / 1e9,
            examplesPerSecond(),
            ProcessMemory.peakRssBytes());
    if (checkpointFolder != null && (optimizer.step() % checkpointEvery == 0 || finished())) {
      saveCheckpoint(checkpointFolder);
    }
    if (listener != null) {
      listener.onStep(progress);
    }
    return progress;
  }

  /** Trains the rest of the current epoch. */
  public EpochResult trainEpoch() {
    if (finished()) {
      throw new IllegalStateException("training is finished after " + totalSteps() + " steps");
    }
    int current = epoch;
    int steps = 0;
    double lossSum = 0;
    long examples = 0;
    long nanos = 0;
    while (!finished() && epoch == current) {
      TrainingProgress p = step();
      steps++;
      lossSum += p.loss();
      examples += p.examples();
      nanos += (long) (p.stepSeconds() * 1e9);
    }
    return new EpochResult(
        current,
        steps,
        lossSum / steps,
        nanos == 0 ? 0 : examples / (nanos / 1e9),
        ProcessMemory.peakRssBytes());
  }

  /** Trains every remaining epoch. */
  public List<EpochResult> train() {
    List<EpochResult> out = new ArrayList<>();
    while (!finished()) {
      out.add(trainEpoch());
    }
    return out;
  }

  /** The mean MarginMSE loss of {@code triplets} under the current weights, in batches. */
  public double evaluate(List<MarginTriplet> triplets) {
    double sum = 0;
    int size = batches.batchSize();
    for (int start = 0; start < triplets.size(); start += size) {
      List<MarginTriplet> batch = triplets.subList(start, Math.min(triplets.size(), start + size));
      sum += (double) loss.evaluate(batch) * batch.size();
    }
    return sum / triplets.size();
  }

  public boolean finished() {
    return epoch >= epochs;
  }

  /** The number of optimizer updates made (including those before a restored checkpoint). */
  public long globalStep() {
    return optimizer.step();
  }

  public long totalSteps() {
    return (long) batches.batchesPerEpoch() * epochs;
  }

  /** Triplets per step (rounded to whole queries with {@link ShuffledBatches#WHOLE_QUERY}). */
  public int batchSize() {
    return batches.batchSize();
  }

  /** The longest run of one query's triplets kept together in a batch. */
  public int tripletsPerQuery() {
    return batches.tripletsPerQuery();
  }

  /**
   * The longest candidate list of one query in the data; above {@link #tripletsPerQuery} it is cut.
   */
  public int longestList() {
    return batches.longestList();
  }

  public int stepsPerEpoch() {
    return batches.batchesPerEpoch();
  }

  /** The epoch the next batch belongs to. */
  public int epoch() {
    return epoch;
  }

  /** The index of the next batch within its epoch. */
  public int batchInEpoch() {
    return batchInEpoch;
  }

  public LinearSchedule schedule() {
    return schedule;
  }

  /** The parameters being trained (frozen ones left out), with their weight-decay flags. */
  public List<TrainableParameter> parameters() {
    return optimizer.parameters();
  }

  /** Triplets per second over this trainer's steps so far (0 before the first). */
  public double examplesPerSecond() {
    return sessionNanos == 0 ? 0 : sessionExamples / (sessionNanos / 1e9);
  }

  /** The state of the run now: weights, optimizer moments and step, position in the data. */
  public Checkpoint checkpoint() {
    return new Checkpoint(
        optimizer.step(),
        epoch,
        batchInEpoch,
        batches.seed(),
        batches.batchSize(),
        batches.size(),
        batches.tripletsPerQuery(),
        optimizerKind.name(),
        StateDict.export(encoder.block()),
        optimizer.stateDict());
  }

  /** Writes {@link #checkpoint()} into {@code folder}, atomically. */
  public void saveCheckpoint(Path folder) {
    checkpoint().write(folder);
  }

  /** Continues from the checkpoint in {@code folder}. */
  public void restore(Path folder) {
    restore(Checkpoint.read(folder));
  }

  /**
   * Continues from {@code checkpoint}: its weights replace the student's, its moments and step the
   * optimizer's, its position this trainer's.
   *
   * @throws IllegalArgumentException when it was made with another seed, batch size, data size or
   *     grouping (its position would mean other batches)
   */
  public void restore(Checkpoint checkpoint) {
    if (checkpoint.seed() != batches.seed()
        || checkpoint.batchSize() != batches.batchSize()
        || checkpoint.dataSize() != batches.size()
        || checkpoint.tripletsPerQuery() != batches.tripletsPerQuery()) {
      throw new IllegalArgumentException(
          String.format(
              "checkpoint of seed %d, batch size %d, %d examples, %d triplets per query;"
                  + " this run has %d, %d, %d, %d",
              checkpoint.seed(),
              checkpoint.batchSize(),
              checkpoint.dataSize(),
              checkpoint.tripletsPerQuery(),
              batches.seed(),
              batches.batchSize(),
              batches.size(),
              batches.tripletsPerQuery()));
    }
    try (GradMode off = GradMode.off()) {
      List<String> missing = StateDict.load(encoder.block(), checkpoint.model());
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("checkpoint lacks weights, e.g. " + missing.get(0));
      }
    }
    optimizer.load(checkpoint.optimizerState(), checkpoint.step());
    epoch = checkpoint.epoch();
    batchInEpoch = checkpoint.batchInEpoch();
  }

  private List<NDArray> gradients(NDManager scope) {
    List<NDArray> out = new ArrayList<>();
    for (TrainableParameter p : optimizer.parameters()) {
      NDArray grad = JniUtils.getGradient((PtNDArray) p.array());
      if (grad != null) {
        grad.attach(scope);
      }
      out.add(grad);
    }
    return out;
  }

  private void zeroGradients() {
    for (TrainableParameter p : optimizer.parameters()) {
      JniUtils.zeroGrad((PtNDArray) p.array());
    }
  }

  /** Releases the optimizer state and tokenizer, and unfreezes what this trainer froze. */
  @Override
  public void close() {
    optimizer.close();
    tokenizer.close();
    unfreeze();
  }

  private void unfreeze() {
    for (Parameter p : frozen) {
      p.freeze(false);
    }
    frozen.clear();
  }

  /** Settings of a run; {@code set*} are required, {@code opt*} have the defaults shown. */
  public static final class Builder {
    private BiEncoder encoder;
    private List<MarginTriplet> data;
    private Similarity similarity = Similarity.COSINE;
    private float scale = 1f;
    private ListwiseKl listwise = ListwiseKl.OFF;
    private OptimizerKind optimizer = OptimizerKind.ADAMW;
    private double learningRate = 2e-5;
    private Float weightDecay;
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private int warmupSteps;
    private int epochs = 1;
    private int batchSize = 32;
    private double maxGradNorm = 1.0;
    private long seed = 42;
    private int maxLength;
    private boolean freezeWordEmbeddings;
    private boolean shuffle = true;
    private int tripletsPerQuery = 1;
    private ProgressListener listener;
    private int checkpointEvery;
    private Path checkpointFolder;

    private Builder() {}

    /** The student (PyTorch backend), trained in place. */
    public Builder setEncoder(BiEncoder encoder) {
      this.encoder = encoder;
      return this;
    }

    public Builder setTrainingData(List<MarginTriplet> triplets) {
      this.data = triplets;
      return this;
    }

    /** {@link Similarity#COSINE} by default. */
    public Builder optSimilarity(Similarity similarity) {
      this.similarity = Objects.requireNonNull(similarity);
      return this;
    }

    /** Multiplies the student's similarities (1 by default). */
    public Builder optScale(float scale) {
      if (!Float.isFinite(scale)) {
        throw new IllegalArgumentException("scale must be finite: " + scale);
      }
      this.scale = scale;
      return this;
    }

    /**
     * Adds a listwise KL term over each query's candidates in a batch ({@link ListwiseKl#OFF} by
     * default); it sees several candidates of a query only with {@link #optTripletsPerQuery} above
     * 1.
     */
    public Builder optListwise(ListwiseKl listwise) {
      this.listwise = Objects.requireNonNull(listwise);
      return this;
    }

    /** AdamW by default. */
    public Builder optOptimizer(OptimizerKind optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer);
      return this;
    }

    /** The peak learning rate, 2e-5 by default. */
    public Builder optLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** 0.01 for AdamW and 0 for Adam by default; never applied to biases and LayerNorm weights. */
    public Builder optWeightDecay(float weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder optBetas(float beta1, float beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    /** 1e-8 by default. */
    public Builder optEpsilon(float epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** Updates over which the rate rises linearly from 0 (0 by default). */
    public Builder optWarmupSteps(int warmupSteps) {
      if (warmupSteps < AUTO_WARMUP) {
        throw new IllegalArgumentException(
            "warmup steps must not be negative (or -1 for 10% of the steps): " + warmupSteps);
      }
      this.warmupSteps = warmupSteps;
      return this;
    }

    /** 1 by default; the rate decays to 0 at the end of the last epoch. */
    public Builder optEpochs(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be positive: " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /** Triplets per step, 32 by default; the last batch of an epoch may be smaller. */
    public Builder optBatchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be positive: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The largest global gradient norm (1.0 by default); 0 turns clipping off. */
    public Builder optMaxGradNorm(double maxGradNorm) {
      this.maxGradNorm = maxGradNorm;
      return this;
    }

    /** The seed of the per-epoch shuffling (42 by default). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The most tokens per text; by default the encoder's tokenizer's maximum. */
    public Builder optMaxLength(int maxLength) {
      if (maxLength < 2) {
        throw new IllegalArgumentException("max length must be at least 2: " + maxLength);
      }
      this.maxLength = maxLength;
      return this;
    }

    /**
     * Leaves the word-embedding table as it is (false by default). Saves the gradient and the dense
     * Adam update of a vocabulary-sized table every step.
     */
    public Builder optFreezeWordEmbeddings(boolean freeze) {
      this.freezeWordEmbeddings = freeze;
      return this;
    }

    /** Whether each epoch visits the data in a seeded shuffled order (true by default). */
    public Builder optShuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /**
     * Keeps up to this many triplets of one query together in a batch (1 by default: each triplet
     * is shuffled on its own). The query and its positive are then encoded once per batch rather
     * than once per triplet, which saves close to half of a step's passage encoding at 8. {@link
     * ShuffledBatches#WHOLE_QUERY} keeps all of a query's triplets together and rounds the batch
     * size to whole queries.
     */
    public Builder optTripletsPerQuery(int tripletsPerQuery) {
      if (tripletsPerQuery < ShuffledBatches.WHOLE_QUERY) {
        throw new IllegalArgumentException(
            "triplets per query must be positive, or 0 for whole queries: " + tripletsPerQuery);
      }
      this.tripletsPerQuery = tripletsPerQuery;
      return this;
    }

    public Builder optProgressListener(ProgressListener listener) {
      this.listener = listener;
      return this;
    }

    /** Writes a checkpoint into {@code folder} every {@code steps} updates and at the end. */
    public Builder optCheckpointEvery(int steps, Path folder) {
      if (steps < 1) {
        throw new IllegalArgumentException("checkpoint interval must be positive: " + steps);
      }
      this.checkpointEvery = steps;
      this.checkpointFolder = Objects.requireNonNull(folder);
      return this;
    }

    public MarginMseTrainer build() {
      return new MarginMseTrainer(this);
    }
  }
}
