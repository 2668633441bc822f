package dev.finesynth.encoders.runtime;

import dev.finesynth.encoders.weights.TensorMap;

/** A linear layer in plain Java: {@code y = W x + b}, W as [out, in]. */
record Dense(float[] weight, float[] bias, int in, int out) {

  static Dense of(TensorMap weights, String name) {
    var w = weights.get(name + ".weight");
    float[] bias = weights.contains(name + ".bias") ? weights.get(name + ".bias").toFloats() : null;
    return new Dense(w.toFloats(), bias, (int) w.shape()[1], (int) w.shape()[0]);
  }

  float[] apply(float[] x) {
    float[] y = new float[out];
    for (int o = 0; o < out; o++) {
      double sum = bias == null ? 0 : bias[o];
      int row = o * in;
      for (int i = 0; i < in; i++) {
        sum += weight[row + i] * x[i];
      }
      y[o] = (float) sum;
    }
    return y;
  }
}
