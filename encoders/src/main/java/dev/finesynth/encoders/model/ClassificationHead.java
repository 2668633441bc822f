package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.TransformerConfig;

/**
 * The sequence-classification head on the first token: {@code out(act(dense(h[:, 0])))}. BERT:
 * {@code bert.pooler.dense} + tanh, then {@code classifier}; (XLM-)RoBERTa: {@code
 * classifier.dense} + tanh, then {@code classifier.out_proj}; DistilBERT: {@code pre_classifier} +
 * ReLU, then {@code classifier}. Input: hidden states [B, T, H]; output: logits [B, labels].
 * Dropout is not applied.
 */
public final class ClassificationHead extends HfBlock {
  private final boolean relu;
  private final int labels;
  private final Linear dense;
  private final Linear out;

  public ClassificationHead(TransformerConfig config) {
    int h = config.hiddenSize();
    labels = config.numLabels();
    Architecture arch = config.architecture();
    relu = arch == Architecture.DISTILBERT;
    dense = addChildBlock(denseName(arch), new Linear(h, h));
    out = addChildBlock(outName(arch), new Linear(h, labels));
  }

  /** The state-dict name of the first (hidden-to-hidden) layer of the head. */
  public static String denseName(Architecture arch) {
    return switch (arch) {
      case BERT -> "bert.pooler.dense";
      case ROBERTA -> "classifier.dense";
      case DISTILBERT -> "pre_classifier";
    };
  }

  /** The state-dict name of the layer that produces the logits. */
  public static String outName(Architecture arch) {
    return arch == Architecture.ROBERTA ? "classifier.out_proj" : "classifier";
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray first = inputs.get(0).get(new NDIndex(":, 0"));
    NDArray h = dense.apply(ps, first, training);
    h = relu ? Activation.relu(h) : h.tanh();
    return new NDList(out.apply(ps, h, training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), labels)};
  }
}
