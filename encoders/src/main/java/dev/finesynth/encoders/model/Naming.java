package dev.finesynth.encoders.model;

import dev.finesynth.encoders.config.Architecture;

/**
 * Where each weight of an encoder lives in a Hugging Face state dict; BERT and RoBERTa share one
 * layout, DistilBERT has its own.
 */
record Naming(
    String stack,
    String attention,
    String query,
    String key,
    String value,
    String attentionOut,
    String attentionNorm,
    String ffn,
    String ffnIn,
    String ffnOut,
    String ffnNorm) {

  static final Naming BERT =
      new Naming(
          "encoder",
          "attention",
          "self.query",
          "self.key",
          "self.value",
          "output.dense",
          "attention.output.LayerNorm",
          "",
          "intermediate.dense",
          "output.dense",
          "output.LayerNorm");

  static final Naming DISTILBERT =
      new Naming(
          "transformer",
          "attention",
          "q_lin",
          "k_lin",
          "v_lin",
          "out_lin",
          "sa_layer_norm",
          "ffn",
          "lin1",
          "lin2",
          "output_layer_norm");

  static Naming of(Architecture architecture) {
    return architecture == Architecture.DISTILBERT ? DISTILBERT : BERT;
  }
}
