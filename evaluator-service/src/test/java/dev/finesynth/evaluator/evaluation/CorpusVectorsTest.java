package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.evaluation.retrieval.ModelEvaluator;
import dev.finesynth.evaluator.TinyBeir;
import dev.finesynth.testing.BagOfWords;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusVectorsTest {
  @TempDir Path dir;

  @Test
  void aBaseModelEmbedsACorpusOncePerMaxLength() throws Exception {
    var sets = new EvaluationSets(4);
    Path folder = TinyBeir.write(dir);
    var test = sets.load(new EvaluationSpec("beir", folder.toString(), "test", List.of(10)));
    var train = sets.load(new EvaluationSpec("beir", folder.toString(), "train", List.of(10)));
    var vectors = new CorpusVectors(4);
    AtomicInteger calls = new AtomicInteger();
    ModelEvaluator.Encoder encoder =
        texts -> {
          calls.incrementAndGet();
          return BagOfWords.encode(texts);
        };

    var first = vectors.index("all-minilm-l6-v2", 256, test, encoder);
    // another split of the same corpus reuses the vectors
    assertThat(vectors.index("all-minilm-l6-v2", 256, train, encoder)).isSameAs(first);
    vectors.index("all-minilm-l6-v2", 128, test, encoder);
    vectors.index("e5-small-v2", 256, test, encoder);

    assertThat(calls).hasValue(3);
    assertThat(first.size()).isEqualTo(12);
  }
}
