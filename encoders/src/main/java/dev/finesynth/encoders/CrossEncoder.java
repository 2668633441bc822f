package dev.finesynth.encoders;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.model.ClassificationHead;
import dev.finesynth.encoders.model.CrossScorer;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.runtime.ClassifierHead;
import dev.finesynth.encoders.runtime.InferenceRunner;
import dev.finesynth.encoders.runtime.OrtRunner;
import dev.finesynth.encoders.runtime.PtRunner;
import dev.finesynth.encoders.tokenize.TextTokenizer;
import dev.finesynth.encoders.tokenize.TokenBatch;
import dev.finesynth.encoders.tokenize.TokenizedText;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * (query, document) pairs to relevance scores with a sequence-classification model (BERT,
 * DistilBERT, XLM-RoBERTa). The score is the logit of label 0 for a one-label head, of label 1
 * otherwise, passed through {@link EncoderOptions#scoreActivation()} (raw logit by default).
 *
 * <p>A source without head weights (a bi-encoder's transformer, as when starting a reranker from an
 * embedding model) gets a head initialised with a fixed seed, normal(0, 0.02) weights and zero
 * biases; a BERT source's {@code pooler.dense} is used as the head's first layer when present.
 *
 * <p>Thread-safe: concurrent callers each get their own NDManager and parameter store (or ONNX
 * Runtime run). Pairs are truncated as {@link EncoderOptions#pairTruncation()} says.
 */
public final class CrossEncoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrossEncoder.class);
  private static final long HEAD_SEED = 42;

  private final ModelSource source;
  private final EncoderOptions options;
  private final TextTokenizer tokenizer;

  /** Float weights of the source the blocks do not use (PyTorch backend). */
  private final TensorMap extras;

  private final NDManager manager;
  private final CrossScorer block;
  private final InferenceRunner runner;

  private CrossEncoder(ModelSource source, EncoderOptions options) {
    this.options = options;
    TransformerConfig config = source.config();
    int maxLength = options.maxLength() > 0 ? options.maxLength() : source.maxLength();
    this.tokenizer =
        new TextTokenizer(
            source.tokenizerJson(), maxLength, config.padTokenId(), options.pairTruncation());
    String prefix = config.architecture().basePrefix();
    TensorMap head = headWeights(source);
    try {
      if (options.backend() == Backend.ONNX_RUNTIME) {
        this.source = source.withoutWeights();
        this.extras = new TensorMap();
        this.manager = null;
        this.block = null;
        this.runner =
            OrtRunner.open(
                Runtimes.onnxFile(source),
                options.intraOpThreads(),
                new ClassifierHead(config, head));
      } else {
        Runtimes.configureThreads(options);
        this.block = new CrossScorer(config);
        TensorMap all = Runtimes.concat(Runtimes.concat(new TensorMap(), source.weights()), head);
        Runtimes.requireAll(StateDict.assign(block, all, prefix), source.name());
        this.manager = NDManager.newBaseManager(options.device());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        this.extras =
            Runtimes.unused(StateDict.parameters(block).keySet(), source.weights(), prefix);
        this.source = source.withoutWeights();
        this.runner = new PtRunner(block, manager);
      }
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** Loads a local Hugging Face folder of a {@code *ForSequenceClassification} model. */
  public static CrossEncoder load(Path folder, EncoderOptions options) {
    return create(ModelSource.fromFolder(folder), options);
  }

  public static CrossEncoder create(ModelSource source, EncoderOptions options) {
    return new CrossEncoder(source, options);
  }

  public float score(String query, String document) {
    return score(List.of(new TextPair(query, document)))[0];
  }

  public float[] score(String query, List<String> documents) {
    List<TextPair> pairs = new ArrayList<>(documents.size());
    for (String d : documents) {
      pairs.add(new TextPair(query, d));
    }
    return score(pairs);
  }

  public float[] score(List<TextPair> pairs) {
    float[][] logits = logits(pairs);
    int label = source.config().numLabels() == 1 ? 0 : 1;
    float[] scores = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      scores[i] = options.scoreActivation().apply(logits[i][label]);
    }
    return scores;
  }

  /** All logits of each pair, [pairs, labels], in order. */
  public float[][] logits(List<TextPair> pairs) {
    List<TokenizedText> tokens = new ArrayList<>(pairs.size());
    for (TextPair p : pairs) {
      tokens.add(tokenizer.encodePair(p.query(), p.document()));
    }
    float[][] out = new float[pairs.size()][];
    for (TokenBatch batch : tokenizer.batches(tokens, options.batchSize())) {
      float[][] rows = runner.run(batch);
      for (int r = 0; r < rows.length; r++) {
        out[batch.positions()[r]] = rows[r];
      }
    }
    return out;
  }

  /** The head's weights from the source, or seeded random ones where the source has none. */
  private static TensorMap headWeights(ModelSource source) {
    TransformerConfig config = source.config();
    String prefix = config.architecture().basePrefix();
    int h = config.hiddenSize();
    Random random = new Random(HEAD_SEED);
    TensorMap head = new TensorMap();
    List<String> initialised = new ArrayList<>();
    String dense = ClassificationHead.denseName(config.architecture());
    String out = ClassificationHead.outName(config.architecture());
    for (String layer : List.of(dense, out)) {
      int rows = layer.equals(out) ? config.numLabels() : h;
      for (String kind : List.of("weight", "bias")) {
        String name = layer + "." + kind;
        Tensor t = find(source.weights(), name, prefix);
        if (t == null) {
          initialised.add(name);
          t = random(kind.equals("weight") ? new long[] {rows, h} : new long[] {rows}, random);
        }
        head.put(name, t);
      }
    }
    if (!initialised.isEmpty()) {
      LOG.info("{}: no weights for {}; initialised them at random", source.name(), initialised);
    }
    return head;
  }

  private static Tensor find(TensorMap weights, String name, String prefix) {
    if (weights.contains(name)) {
      return weights.get(name);
    }
    String p = prefix + ".";
    String alt = name.startsWith(p) ? name.substring(p.length()) : p + name;
    return weights.contains(alt) ? weights.get(alt) : null;
  }

  private static Tensor random(long[] shape, Random random) {
    int n = Math.toIntExact(shape.length == 1 ? shape[0] : shape[0] * shape[1]);
    float[] values = new float[n];
    if (shape.length == 2) {
      for (int i = 0; i < n; i++) {
        values[i] = (float) (random.nextGaussian() * 0.02);
      }
    }
    return Tensor.ofFloats(shape, values);
  }

  public TransformerConfig config() {
    return source.config();
  }

  public EncoderOptions options() {
    return options;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  public Path tokenizerJson() {
    return source.tokenizerJson();
  }

  /** The DJL block (PyTorch backend only): pair ids, mask, token types [B, T] to logits. */
  public CrossScorer block() {
    if (block == null) {
      throw new IllegalStateException("only the PyTorch backend has blocks and parameters");
    }
    return block;
  }

  /** The manager the block's parameters live in (PyTorch backend only). */
  public NDManager manager() {
    block();
    return manager;
  }

  /**
   * The weights by Hugging Face names as a {@code *ForSequenceClassification} checkpoint stores
   * them ({@code bert.embeddings...}, {@code classifier.weight}...): current values, plus float
   * tensors of the source the blocks do not use. PyTorch backend only.
   */
  public TensorMap stateDict() {
    return Runtimes.concat(StateDict.export(block()), extras);
  }

  @Override
  public void close() {
    runner.close();
    tokenizer.close();
    if (manager != null) {
      manager.close();
    }
  }
}
