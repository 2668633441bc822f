package dev.finesynth.encoders;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.model.DenseLayer;
import dev.finesynth.encoders.model.SentenceEmbedder;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.runtime.InferenceRunner;
import dev.finesynth.encoders.runtime.OrtRunner;
import dev.finesynth.encoders.runtime.PtRunner;
import dev.finesynth.encoders.runtime.SentenceHead;
import dev.finesynth.encoders.tokenize.TextTokenizer;
import dev.finesynth.encoders.tokenize.TokenBatch;
import dev.finesynth.encoders.tokenize.TokenizedText;
import dev.finesynth.encoders.weights.TensorMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text to vector with a sentence-transformers model: transformer, pooling, Dense modules and
 * normalisation as the model's files say, per-model query and passage prefixes.
 *
 * <p>Thread-safe: concurrent callers each get their own NDManager and parameter store (or ONNX
 * Runtime run); only the weights are shared. Texts in one call are tokenized, sorted by length,
 * batched by {@link EncoderOptions#batchSize()} and padded to each batch's longest; results come
 * back in the caller's order.
 *
 * <p>For training, {@link #block()} is the DJL block (with the PyTorch backend) whose parameters
 * live in {@link #manager()}; {@link #stateDict()} gives the current weights by Hugging Face names.
 */
public final class BiEncoder implements AutoCloseable {
  /** The source without its weights: the blocks or the ONNX Runtime session hold them. */
  private final ModelSource source;

  /** Float weights of the source the blocks do not use (such as {@code pooler.*}). */
  private final TensorMap extras;

  private final EncoderOptions options;
  private final TextTokenizer tokenizer;
  private final NDManager manager;
  private final SentenceEmbedder block;
  private final InferenceRunner runner;
  private final String queryPrefix;
  private final String passagePrefix;

  private BiEncoder(ModelSource source, EncoderOptions options) {
    this.options = options;
    TransformerConfig config = source.config();
    SentenceConfig sentence = source.sentence();
    int maxLength = options.maxLength() > 0 ? options.maxLength() : source.maxLength();
    this.tokenizer =
        new TextTokenizer(
            source.tokenizerJson(), maxLength, config.padTokenId(), options.pairTruncation());
    this.queryPrefix =
        options.queryPrefix() != null ? options.queryPrefix() : sentence.queryPrefix();
    this.passagePrefix =
        options.passagePrefix() != null ? options.passagePrefix() : sentence.passagePrefix();
    String prefix = config.architecture().basePrefix();
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
                new SentenceHead(sentence, source.denseWeights()));
      } else {
        Runtimes.configureThreads(options);
        this.block = new SentenceEmbedder(config, sentence);
        Runtimes.requireAll(
            StateDict.assign(block.encoder(), source.weights(), prefix), source.name());
        List<DenseLayer> dense = block.dense();
        for (int i = 0; i < dense.size(); i++) {
          Runtimes.requireAll(
              StateDict.assign(dense.get(i), source.denseWeights().get(i)),
              source.name() + " Dense " + i);
        }
        this.manager = NDManager.newBaseManager(options.device());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        this.extras =
            Runtimes.unused(
                StateDict.parameters(block.encoder()).keySet(), source.weights(), prefix);
        this.source = source.withoutWeights();
        this.runner = new PtRunner(block, manager);
      }
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** Loads a local Hugging Face / sentence-transformers folder. */
  public static BiEncoder load(Path folder, EncoderOptions options) {
    return create(ModelSource.fromFolder(folder), options);
  }

  public static BiEncoder create(ModelSource source, EncoderOptions options) {
    return new BiEncoder(source, options);
  }

  /** The vector of one text, without prefix. */
  public float[] encode(String text) {
    return encode(List.of(text)).get(0);
  }

  /** The vectors of {@code texts} as given (no prefix), in order. */
  public List<float[]> encode(List<String> texts) {
    List<TokenizedText> tokens = tokenizer.encodeAll(texts);
    float[][] out = new float[texts.size()][];
    for (TokenBatch batch : tokenizer.batches(tokens, options.batchSize())) {
      float[][] vectors = runner.run(batch);
      for (int r = 0; r < vectors.length; r++) {
        out[batch.positions()[r]] = vectors[r];
      }
    }
    return Arrays.asList(out);
  }

  /** The vectors of search queries, with the model's query prefix. */
  public List<float[]> encodeQueries(List<String> queries) {
    return encode(prefixed(queryPrefix, queries));
  }

  /** The vectors of passages (documents), with the model's passage prefix. */
  public List<float[]> encodePassages(List<String> passages) {
    return encode(prefixed(passagePrefix, passages));
  }

  private static List<String> prefixed(String prefix, List<String> texts) {
    if (prefix.isEmpty()) {
      return texts;
    }
    List<String> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(prefix + text);
    }
    return out;
  }

  public int dimension() {
    return source.sentence().dense().isEmpty()
        ? source.config().hiddenSize()
        : source.sentence().dense().get(source.sentence().dense().size() - 1).outFeatures();
  }

  public String queryPrefix() {
    return queryPrefix;
  }

  public String passagePrefix() {
    return passagePrefix;
  }

  public TransformerConfig config() {
    return source.config();
  }

  /** Pooling, Dense modules, normalisation and the model's own prefixes. */
  public SentenceConfig sentenceConfig() {
    return source.sentence();
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

  /** The DJL block (PyTorch backend only): ids, mask, token types [B, T] to vectors [B, D]. */
  public SentenceEmbedder block() {
    return requirePyTorch(block);
  }

  /** The manager the block's parameters live in (PyTorch backend only). */
  public NDManager manager() {
    return requirePyTorch(manager);
  }

  /**
   * The transformer's weights by Hugging Face names without prefix, as a sentence-transformers
   * folder's {@code model.safetensors} stores them: the current (possibly trained) values, plus
   * float tensors of the source the blocks do not use (such as {@code pooler.*}) unchanged. PyTorch
   * backend only: the ONNX Runtime backend is for inference and keeps no weights.
   */
  public TensorMap stateDict() {
    return Runtimes.concat(StateDict.export(block().encoder()), extras);
  }

  /**
   * The current weights of Dense module {@code i}: {@code linear.weight}, {@code linear.bias}
   * (PyTorch backend only).
   */
  public TensorMap denseStateDict(int i) {
    return StateDict.export(block().dense().get(i));
  }

  private static <T> T requirePyTorch(T value) {
    if (value == null) {
      throw new IllegalStateException("only the PyTorch backend has blocks and parameters");
    }
    return value;
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
