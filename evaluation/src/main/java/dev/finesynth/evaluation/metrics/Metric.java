package dev.finesynth.evaluation.metrics;

/** The retrieval metrics computed at each cut-off k; {@link #at(int)} gives the report key. */
public enum Metric {
  PRECISION("precision"),
  RECALL("recall"),
  F1("f1"),
  /** Any relevant document in the top k; sentence-transformers calls it accuracy@k. */
  HIT("hit"),
  MAP("map"),
  MRR("mrr"),
  DCG("dcg"),
  NDCG("ndcg");

  private final String label;

  Metric(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The key used in reports, e.g. {@code ndcg@10}. */
  public String at(int k) {
    return label + "@" + k;
  }
}
