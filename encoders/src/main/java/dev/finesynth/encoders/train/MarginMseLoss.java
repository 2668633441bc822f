package dev.finesynth.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.model.SentenceEmbedder;
import dev.finesynth.encoders.tokenize.TextTokenizer;
import dev.finesynth.encoders.tokenize.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MarginMSE loss of a bi-encoder student (GPL): for each triplet {@code (q, p, n, label)},
 * {@code (scale * sim(q, p) - scale * sim(q, n) - label)^2}, averaged over the batch.
 *
 * <p>Each distinct text of a batch is encoded once: one forward pass for the distinct queries and
 * one for the distinct passages (positives and negatives together), each padded only to its own
 * longest text, with the model's query and passage prefixes; the triplets then pick their rows. A
 * batch that holds several triplets of one query (see {@link ShuffledBatches}) thus encodes that
 * query and its positive once, and the gradients are those of encoding every triplet separately.
 *
 * <p>An optional {@link ListwiseKl} term adds, for each query of the batch, the KL divergence from
 * the teacher's softmax over the query's candidates in the batch to the student's.
 *
 * <p>Every array of a pass, constants included, lives in one manager that is closed only after the
 * backward pass: no Java number reaches an op that autograd records (see the project notes on
 * DJL-PyTorch and garbage collection). PyTorch allows one gradient collector per process, so
 * backward passes of all instances are serialised.
 */
public final class MarginMseLoss {
  private static final Object COLLECTOR = new Object();

  /**
   * Logit of a padding slot: its softmax weight is 0 in float32, and 0 * log-weight stays finite.
   */
  private static final float PADDING_LOGIT = -1e4f;

  private final BiEncoder encoder;
  private final SentenceEmbedder block;
  private final TextTokenizer tokenizer;
  private final Similarity similarity;
  private final float scale;
  private final ListwiseKl listwise;

  /**
   * @param encoder the student (PyTorch backend); its block's parameters receive the gradients
   * @param tokenizer tokenizes the texts (its maximum length applies)
   */
  public MarginMseLoss(
      BiEncoder encoder, TextTokenizer tokenizer, Similarity similarity, float scale) {
    this(encoder, tokenizer, similarity, scale, ListwiseKl.OFF);
  }

  /** MarginMSE plus {@code listwise} (off when its weight is 0). */
  public MarginMseLoss(
      BiEncoder encoder,
      TextTokenizer tokenizer,
      Similarity similarity,
      float scale,
      ListwiseKl listwise) {
    this.encoder = encoder;
    this.block = encoder.block();
    this.tokenizer = tokenizer;
    this.similarity = similarity;
    this.scale = scale;
    this.listwise = listwise;
  }

  /**
   * Runs the forward and backward pass of {@code batch}; the gradients are added to the parameters'
   * gradients (which the caller zeroes).
   *
   * @return the loss
   */
  public float backward(List<MarginTriplet> batch) {
    return backward(batch, () -> {});
  }

  /**
   * {@link #backward(List)}, running {@code betweenPasses} after the forward pass and before the
   * backward pass: a test hook, for forcing garbage collections where they would corrupt gradients
   * that depend on freed memory.
   */
  public float backward(List<MarginTriplet> batch, Runnable betweenPasses) {
    Inputs inputs = tokenize(batch);
    synchronized (COLLECTOR) {
      try (NDManager manager = encoder.manager().newSubManager();
          GradientCollector collector = manager.getEngine().newGradientCollector()) {
        NDArray loss = loss(manager, inputs, true);
        betweenPasses.run();
        collector.backward(loss);
        return loss.getFloat();
      }
    }
  }

  /** The loss of {@code batch} without gradients. */
  public float evaluate(List<MarginTriplet> batch) {
    Inputs inputs = tokenize(batch);
    try (GradMode off = GradMode.off();
        NDManager manager = encoder.manager().newSubManager()) {
      return loss(manager, inputs, false).getFloat();
    }
  }

  private NDArray loss(NDManager manager, Inputs inputs, boolean training) {
    NDArray queries = embed(manager, inputs.queries(), training);
    NDArray passages = embed(manager, inputs.passages(), training);
    NDArray q = rows(manager, queries, inputs.queryRows());
    NDArray p = rows(manager, passages, inputs.positiveRows());
    NDArray n = rows(manager, passages, inputs.negativeRows());
    NDArray scaleArray = manager.create(scale);
    NDArray positive = similarity.score(q, p).mul(scaleArray);
    NDArray negative = similarity.score(q, n).mul(scaleArray);
    NDArray mse = positive.sub(negative).sub(manager.create(inputs.margins())).square().mean();
    Lists lists = inputs.lists();
    if (lists == null) {
      return mse;
    }
    // each query's row: its positive's score, then its negatives' scores, then padding
    Shape shape = new Shape(lists.count(), lists.width());
    NDArray logits =
        rows(manager, positive.concat(negative), lists.index())
            .reshape(shape)
            .mul(manager.create(1f / listwise.temperature()))
            .add(manager.create(lists.padding(), shape));
    NDArray negCrossEntropy =
        logits.logSoftmax(1).mul(manager.create(lists.teacher(), shape)).sum();
    NDArray kl =
        manager
            .create(lists.teacherNegEntropy())
            .sub(negCrossEntropy)
            .mul(manager.create(listwise.weight() / lists.count()));
    return mse.add(kl);
  }

  /** Rows {@code rows} of {@code table}, in that order (autograd sums the gradients of repeats). */
  private static NDArray rows(NDManager manager, NDArray table, long[] rows) {
    return table.get(new NDIndex("{}", manager.create(rows)));
  }

  private NDArray embed(NDManager manager, List<TokenizedText> texts, boolean training) {
    int rows = texts.size();
    int width = 0;
    for (TokenizedText t : texts) {
      width = Math.max(width, t.length());
    }
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    long[] types = new long[rows * width];
    Arrays.fill(ids, tokenizer.padId());
    for (int r = 0; r < rows; r++) {
      TokenizedText t = texts.get(r);
      System.arraycopy(t.ids(), 0, ids, r * width, t.length());
      System.arraycopy(t.typeIds(), 0, types, r * width, t.length());
      Arrays.fill(mask, r * width, r * width + t.length(), 1L);
    }
    Shape shape = new Shape(rows, width);
    NDList in =
        new NDList(
            manager.create(ids, shape), manager.create(mask, shape), manager.create(types, shape));
    return block.forward(new ParameterStore(manager, false), in, training).singletonOrThrow();
  }

  /** The distinct texts of a batch, tokenized, and each triplet's rows among them. */
  private record Inputs(
      List<TokenizedText> queries,
      List<TokenizedText> passages,
      long[] queryRows,
      long[] positiveRows,
      long[] negativeRows,
      float[] margins,
      Lists lists) {}

  /**
   * The listwise term's constants: per query, indices into [positive scores; negative scores] of
   * its candidates, padded to the longest list; 0 or a large negative logit for padding; the
   * teacher's softmax; and the sum of {@code p log p} of those softmaxes.
   */
  private record Lists(
      int count,
      int width,
      long[] index,
      float[] padding,
      float[] teacher,
      float teacherNegEntropy) {}

  private Inputs tokenize(List<MarginTriplet> batch) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    Map<String, Integer> queries = new LinkedHashMap<>();
    Map<String, Integer> passages = new LinkedHashMap<>();
    long[] queryRows = new long[batch.size()];
    long[] positiveRows = new long[batch.size()];
    long[] negativeRows = new long[batch.size()];
    float[] margins = new float[batch.size()];
    String qp = encoder.queryPrefix();
    String pp = encoder.passagePrefix();
    for (int i = 0; i < batch.size(); i++) {
      MarginTriplet t = batch.get(i);
      queryRows[i] = row(queries, qp + t.query());
      positiveRows[i] = row(passages, pp + t.positive());
      negativeRows[i] = row(passages, pp + t.negative());
      margins[i] = t.margin();
    }
    return new Inputs(
        tokenizer.encodeAll(List.copyOf(queries.keySet())),
        tokenizer.encodeAll(List.copyOf(passages.keySet())),
        queryRows,
        positiveRows,
        negativeRows,
        margins,
        listwise.on() ? lists(queryRows, positiveRows, margins) : null);
  }

  private Lists lists(long[] queryRows, long[] positiveRows, float[] margins) {
    int size = margins.length;
    Map<Long, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      long key = queryRows[i] * (2L * size) + positiveRows[i];
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    int width = 1 + groups.values().stream().mapToInt(List::size).max().orElseThrow();
    int count = groups.size();
    long[] index = new long[count * width];
    float[] padding = new float[count * width];
    float[] teacher = new float[count * width];
    double negEntropy = 0;
    int g = 0;
    for (List<Integer> triplets : groups.values()) {
      int base = g++ * width;
      double[] logits = new double[triplets.size() + 1];
      index[base] = triplets.get(0);
      for (int j = 0; j < triplets.size(); j++) {
        index[base + 1 + j] = size + triplets.get(j);
        logits[1 + j] = -margins[triplets.get(j)] / listwise.temperature();
      }
      Arrays.fill(padding, base + logits.length, base + width, PADDING_LOGIT);
      double max = Arrays.stream(logits).max().orElseThrow();
      double sum = Arrays.stream(logits).map(l -> Math.exp(l - max)).sum();
      for (int c = 0; c < logits.length; c++) {
        double logP = logits[c] - max - Math.log(sum);
        teacher[base + c] = (float) Math.exp(logP);
        negEntropy += Math.exp(logP) * logP;
      }
    }
    return new Lists(count, width, index, padding, teacher, (float) negEntropy);
  }

  private static int row(Map<String, Integer> rows, String text) {
    return rows.computeIfAbsent(text, k -> rows.size());
  }
}
