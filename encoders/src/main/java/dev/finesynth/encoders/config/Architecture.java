package dev.finesynth.encoders.config;

/** The encoder families this library runs; they differ in weight names and position ids. */
public enum Architecture {
  /** BERT and its relatives that keep its names (MiniLM, bge, e5). */
  BERT("bert"),
  /** DistilBERT: no token types, its own weight names. */
  DISTILBERT("distilbert"),
  /** RoBERTa and XLM-RoBERTa: BERT names, positions offset past the padding id. */
  ROBERTA("roberta");

  private final String basePrefix;

  Architecture(String basePrefix) {
    this.basePrefix = basePrefix;
  }

  /** The prefix a task model (for example {@code BertForSequenceClassification}) puts on names. */
  public String basePrefix() {
    return basePrefix;
  }

  static Architecture ofModelType(String modelType) {
    return switch (modelType) {
      case "bert" -> BERT;
      case "distilbert" -> DISTILBERT;
      case "roberta", "xlm-roberta", "camembert" -> ROBERTA;
      default -> throw new IllegalArgumentException("unsupported model_type: " + modelType);
    };
  }
}
