package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.export.BiEncoderExporter;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarginMseTrainerTest {
  private static final List<String> TEXTS =
      List.of("what is kafka", "the sky is blue", "paris is the capital of france", "a dog");

  @TempDir Path dir;

  private Path tiny() {
    return TinyBert.write(
        dir.resolve("tiny"),
        TinyBert.Spec.defaults().withDense(16).withPrefixes("query: ", "passage: "));
  }

  private static MarginMseTrainer.Builder settings(BiEncoder encoder) {
    return MarginMseTrainer.builder()
        .setEncoder(encoder)
        .setTrainingData(TinyBert.triplets())
        .optLearningRate(1e-3)
        .optWarmupSteps(3)
        .optBatchSize(3)
        .optEpochs(2)
        .optMaxGradNorm(1.0)
        .optSeed(11);
  }

  @Test
  void thirtyStepsLowerTheLossAndChangeTheWeightsThenExportReloadsTheSame() {
    try (BiEncoder encoder = BiEncoder.load(tiny(), EncoderOptions.defaults())) {
      TensorMap before = StateDict.export(encoder.block());
      List<TrainingProgress> seen = new ArrayList<>();
      try (MarginMseTrainer trainer =
          MarginMseTrainer.builder()
              .setEncoder(encoder)
              .setTrainingData(TinyBert.triplets())
              .optSimilarity(Similarity.DOT)
              .optLearningRate(2e-3)
              .optWarmupSteps(3)
              .optBatchSize(5)
              .optEpochs(15)
              .optProgressListener(seen::add)
              .build()) {
        double initialLoss = trainer.evaluate(TinyBert.triplets());
        List<EpochResult> epochs = trainer.train();
        double finalLoss = trainer.evaluate(TinyBert.triplets());

        assertThat(trainer.totalSteps()).isEqualTo(30);
        assertThat(trainer.globalStep()).isEqualTo(30);
        assertThat(trainer.finished()).isTrue();
        assertThat(epochs).hasSize(15).allSatisfy(e -> assertThat(e.steps()).isEqualTo(2));
        assertThat(seen).hasSize(30);
        assertThat(seen.get(0).learningRate()).isZero();
        assertThat(seen.get(3).learningRate()).isEqualTo(2e-3f);
        assertThat(seen.get(29).learningRate()).isEqualTo(trainer.schedule().learningRate(29));
        assertThat(seen).allSatisfy(p -> assertThat(p.loss()).isFinite());
        assertThat(seen.get(29).examplesPerSecond()).isPositive();
        assertThat(finalLoss).isLessThan(initialLoss * 0.5);

        TensorMap after = StateDict.export(encoder.block());
        for (String name : before.names()) {
          assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
        }
      }
      List<float[]> trained = encoder.encodeQueries(TEXTS);
      Path exported = dir.resolve("exported");
      BiEncoderExporter.export(encoder, exported);
      try (BiEncoder reloaded = BiEncoder.load(exported, EncoderOptions.defaults())) {
        assertThat(StateDict.export(reloaded.block()).asMap())
            .isEqualTo(StateDict.export(encoder.block()).asMap());
        List<float[]> again = reloaded.encodeQueries(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
          assertThat(again.get(i)).containsExactly(trained.get(i));
        }
      }
    }
  }

  @Test
  void resumingFromACheckpointEqualsAnUninterruptedRun() {
    Path model = tiny();
    TensorMap uninterrupted;
    TensorMap uninterruptedMoments;
    try (BiEncoder encoder = BiEncoder.load(model, EncoderOptions.defaults());
        MarginMseTrainer trainer = settings(encoder).build()) {
      assertThat(trainer.totalSteps()).isEqualTo(8); // 10 triplets in batches of 3, twice
      trainer.train();
      uninterrupted = StateDict.export(encoder.block());
      uninterruptedMoments = trainer.checkpoint().optimizerState();
    }

    Path checkpoints = dir.resolve("checkpoints");
    try (BiEncoder encoder = BiEncoder.load(model, EncoderOptions.defaults());
        MarginMseTrainer trainer = settings(encoder).optCheckpointEvery(5, checkpoints).build()) {
      for (int i = 0; i < 5; i++) {
        trainer.step();
      }
      assertThat(trainer.epoch()).isEqualTo(1);
      assertThat(trainer.batchInEpoch()).isEqualTo(1);
    } // the process "dies" here: weights and optimizer are gone
    assertThat(Checkpoint.exists(checkpoints)).isTrue();
    assertThat(Checkpoint.read(checkpoints).step()).isEqualTo(5);

    try (BiEncoder encoder = BiEncoder.load(model, EncoderOptions.defaults());
        MarginMseTrainer trainer = settings(encoder).build()) {
      trainer.restore(checkpoints);
      assertThat(trainer.globalStep()).isEqualTo(5);
      List<EpochResult> rest = trainer.train();
      assertThat(rest).extracting(EpochResult::steps).containsExactly(3);
      assertThat(trainer.globalStep()).isEqualTo(8);
      TensorMap resumed = StateDict.export(encoder.block());
      for (Map.Entry<String, Tensor> e : uninterrupted.asMap().entrySet()) {
        assertThat(resumed.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(trainer.checkpoint().optimizerState().asMap())
          .isEqualTo(uninterruptedMoments.asMap());
    }
  }

  @Test
  void aWorkerThreadWithAutogradOnTrainsTheSame() throws Exception {
    Path model = tiny();
    TensorMap onMain;
    try (BiEncoder encoder = BiEncoder.load(model, EncoderOptions.defaults());
        MarginMseTrainer trainer = settings(encoder).build()) {
      for (int i = 0; i < 3; i++) {
        trainer.step();
      }
      onMain = StateDict.export(encoder.block());
    }
    TensorMap[] onWorker = new TensorMap[1];
    Throwable[] failure = new Throwable[1];
    try (BiEncoder encoder = BiEncoder.load(model, EncoderOptions.defaults());
        MarginMseTrainer trainer = settings(encoder).build()) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  JniUtils.setGradMode(true); // PyTorch's default in a new thread
                  for (int i = 0; i < 3; i++) {
                    trainer.step();
                  }
                  onWorker[0] = StateDict.export(encoder.block());
                } catch (Throwable t) {
                  failure[0] = t;
                }
              });
      worker.start();
      worker.join();
    }
    assertThat(failure[0]).isNull();
    assertThat(onWorker[0].asMap()).isEqualTo(onMain.asMap());
  }

  @Test
  void restoreRefusesACheckpointOfAnotherRun() {
    Path checkpoint = dir.resolve("checkpoint");
    try (BiEncoder encoder = BiEncoder.load(tiny(), EncoderOptions.defaults())) {
      try (MarginMseTrainer trainer = settings(encoder).build()) {
        trainer.step();
        trainer.saveCheckpoint(checkpoint);
        trainer.saveCheckpoint(checkpoint); // replaces the first, atomically
      }
      assertThat(dir.resolve(".checkpoint.old")).doesNotExist();
      try (MarginMseTrainer other = settings(encoder).optBatchSize(4).build()) {
        assertThatThrownBy(() -> other.restore(checkpoint))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("batch size");
      }
      try (MarginMseTrainer grouped = settings(encoder).optTripletsPerQuery(4).build()) {
        assertThatThrownBy(() -> grouped.restore(checkpoint))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("triplets per query");
      }
    }
  }

  @Test
  void frozenWordEmbeddingsStayAsTheyWere() {
    try (BiEncoder encoder = BiEncoder.load(tiny(), EncoderOptions.defaults())) {
      TensorMap before = StateDict.export(encoder.block());
      String words = TrainableParameter.WORD_EMBEDDINGS;
      try (MarginMseTrainer trainer = settings(encoder).optFreezeWordEmbeddings(true).build()) {
        assertThat(trainer.parameters()).extracting(TrainableParameter::name).doesNotContain(words);
        trainer.step();
        trainer.step();
        TensorMap after = StateDict.export(encoder.block());
        assertThat(after.get(words)).isEqualTo(before.get(words));
        assertThat(after.get("encoder.layer.0.attention.self.query.weight"))
            .isNotEqualTo(before.get("encoder.layer.0.attention.self.query.weight"));
        assertThat(Checkpoint.exists(dir)).isFalse();
      }
      // closing the trainer unfreezes the table
      try (MarginMseTrainer trainer = settings(encoder).build()) {
        assertThat(trainer.parameters()).extracting(TrainableParameter::name).contains(words);
      }
    }
  }

  @Test
  void checkpointFolderHasTheDocumentedFiles() throws Exception {
    Path checkpoint = dir.resolve("cp");
    try (BiEncoder encoder = BiEncoder.load(tiny(), EncoderOptions.defaults());
        MarginMseTrainer trainer = settings(encoder).build()) {
      trainer.step();
      trainer.saveCheckpoint(checkpoint);
    }
    assertThat(checkpoint.resolve(Checkpoint.MODEL)).isRegularFile();
    assertThat(checkpoint.resolve(Checkpoint.OPTIMIZER)).isRegularFile();
    assertThat(checkpoint.resolve(Checkpoint.STATE)).isRegularFile();
    Checkpoint read = Checkpoint.read(checkpoint);
    assertThat(read.model().names()).contains("dense.0.linear.weight");
    assertThat(read.optimizerState().names())
        .contains("exp_avg.dense.0.linear.weight", "exp_avg_sq.embeddings.LayerNorm.bias");
    assertThat(read.optimizer()).isEqualTo("ADAMW");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
    }
  }
}
