package dev.finesynth.encoders.runtime;

import dev.finesynth.encoders.config.DenseConfig;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.tokenize.TokenBatch;
import dev.finesynth.encoders.weights.TensorMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pooling, Dense modules and normalisation in plain Java, for hidden states computed elsewhere
 * (ONNX Runtime); the same arithmetic as {@code model.SentenceEmbedder}.
 */
public final class SentenceHead implements HiddenStateHead {
  private final SentenceConfig config;
  private final List<Dense> dense = new ArrayList<>();

  public SentenceHead(SentenceConfig config, List<TensorMap> denseWeights) {
    this.config = config;
    for (TensorMap w : denseWeights) {
      dense.add(Dense.of(w, "linear"));
    }
  }

  @Override
  public float[][] apply(float[] hidden, TokenBatch batch, int h) {
    int t = batch.sequenceLength();
    float[][] out = new float[batch.size()][];
    for (int b = 0; b < batch.size(); b++) {
      float[] v = pool(hidden, batch.attentionMask()[b], b * t * h, t, h);
      for (int i = 0; i < dense.size(); i++) {
        v = activate(config.dense().get(i), dense.get(i).apply(v));
      }
      out[b] = config.normalize() ? normalize(v) : v;
    }
    return out;
  }

  private float[] pool(float[] hidden, long[] mask, int offset, int t, int h) {
    float[] v = new float[h];
    switch (config.pooling()) {
      case CLS -> System.arraycopy(hidden, offset, v, 0, h);
      case MEAN -> {
        double[] sum = new double[h];
        int count = 0;
        for (int i = 0; i < t; i++) {
          if (mask[i] == 0) {
            continue;
          }
          count++;
          for (int j = 0; j < h; j++) {
            sum[j] += hidden[offset + i * h + j];
          }
        }
        for (int j = 0; j < h; j++) {
          v[j] = (float) (sum[j] / Math.max(count, 1e-9));
        }
      }
      case MAX -> {
        Arrays.fill(v, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < t; i++) {
          for (int j = 0; j < h && mask[i] != 0; j++) {
            v[j] = Math.max(v[j], hidden[offset + i * h + j]);
          }
        }
      }
    }
    return v;
  }

  private static float[] activate(DenseConfig d, float[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] =
          switch (d.activation()) {
            case "Tanh" -> (float) Math.tanh(v[i]);
            case "Identity" -> v[i];
            case "ReLU" -> Math.max(0f, v[i]);
            case "Sigmoid" -> (float) (1 / (1 + Math.exp(-v[i])));
            default -> throw new IllegalArgumentException("unsupported " + d.activation());
          };
    }
    return v;
  }

  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
