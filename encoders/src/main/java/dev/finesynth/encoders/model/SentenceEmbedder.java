package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.DenseConfig;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentence-transformers bi-encoder: transformer, pooling, Dense modules, optional L2
 * normalisation. Input: ids, mask, token types [B, T]; output: sentence vectors [B, D].
 *
 * <p>The transformer's weights carry no prefix (as in a sentence-transformers folder); Dense
 * modules are children {@code dense.<i>} with weights {@code linear.weight} / {@code linear.bias}
 * inside.
 */
public final class SentenceEmbedder extends HfBlock {
  private final SentenceConfig sentence;
  private final TransformerEncoder encoder;
  private final Pooling pooling;
  private final List<DenseLayer> dense = new ArrayList<>();

  public SentenceEmbedder(TransformerConfig config, SentenceConfig sentence) {
    this.sentence = sentence;
    encoder = addChildBlock("", new TransformerEncoder(config));
    pooling = addChildBlock("pooling", new Pooling(sentence.pooling()));
    for (int i = 0; i < sentence.dense().size(); i++) {
      dense.add(addChildBlock(denseName(i), new DenseLayer(sentence.dense().get(i))));
    }
  }

  /** The child name of the i-th Dense module (its weights are under this name + "."). */
  public static String denseName(int i) {
    return "dense." + i;
  }

  public TransformerEncoder encoder() {
    return encoder;
  }

  public SentenceConfig sentenceConfig() {
    return sentence;
  }

  public List<DenseLayer> dense() {
    return List.copyOf(dense);
  }

  /** The vector size this block produces. */
  public int dimension() {
    List<DenseConfig> d = sentence.dense();
    return d.isEmpty() ? encoder.config().hiddenSize() : d.get(d.size() - 1).outFeatures();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray hidden = encoder.forward(ps, inputs, training).singletonOrThrow();
    NDArray v = pooling.forward(ps, new NDList(hidden, inputs.get(1)), training).singletonOrThrow();
    for (DenseLayer layer : dense) {
      v = layer.forward(ps, new NDList(v), training).singletonOrThrow();
    }
    if (sentence.normalize()) {
      v = v.normalize(2, 1, 1e-12);
    }
    return new NDList(v);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), dimension())};
  }
}
