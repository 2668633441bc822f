package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.retrieval.ModelEvaluator;
import dev.finesynth.testing.Datasets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoders and the evaluator together reproduce the reference figure measured outside the
 * project (shared/datasets/README.md): all-MiniLM-L6-v2 on Cranfield's test split, whole corpus,
 * 256 tokens, NDCG@10 0.4041, recall@10 0.4282, MRR@10 0.5433 (within 0.01; it has matched to four
 * decimals). Skipped when the shared datasets are absent.
 */
class CranfieldReferenceTest {
  @Test
  void allMiniLmMatchesTheReferenceFigures() throws Exception {
    var set = BeirLoader.load(Datasets.require("cranfield-beir"), "test");
    var options =
        EncoderOptions.builder().optMaxLength(256).optBackend(Backend.ONNX_RUNTIME).build();
    try (BiEncoder model = Encoders.fromEnvironment().biEncoder("all-minilm-l6-v2", options)) {
      var report =
          ModelEvaluator.evaluate(
              ModelEvaluator.index(set.corpus(), model::encodePassages),
              model::encodeQueries,
              set,
              List.of(10));
      System.out.printf(
          "cranfield test: ndcg@10=%.4f recall@10=%.4f mrr@10=%.4f over %d queries%n",
          report.mean(Metric.NDCG, 10),
          report.mean(Metric.RECALL, 10),
          report.mean(Metric.MRR, 10),
          report.evaluatedQueries());
      assertThat(report.evaluatedQueries()).isEqualTo(112);
      assertThat(report.mean(Metric.NDCG, 10)).isCloseTo(0.4041, within(0.01));
      assertThat(report.mean(Metric.RECALL, 10)).isCloseTo(0.4282, within(0.01));
      assertThat(report.mean(Metric.MRR, 10)).isCloseTo(0.5433, within(0.01));
    }
  }
}
