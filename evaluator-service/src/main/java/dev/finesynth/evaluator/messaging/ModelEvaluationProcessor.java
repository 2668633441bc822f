package dev.finesynth.evaluator.messaging;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.evaluator.evaluation.RunEvaluations;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Evaluates every model the trainer announces; an invalid announcement goes to the dead letters.
 */
@ApplicationScoped
public class ModelEvaluationProcessor {
  @Inject EventCodec codec;
  @Inject RunCatalog runs;
  @Inject RunEvaluations evaluations;
  @Inject RunEventPublisher events;

  @Incoming("models")
  @Blocking("evaluation")
  public void evaluate(Record<String, String> record) throws InterruptedException {
    ModelArtifact model = codec.decode(Topics.MODELS, record.value());
    while (runs.find(model.runId()).isEmpty()) {
      runs.awaitChange(Duration.ofSeconds(30));
    }
    RunSpec run = runs.find(model.runId()).get();
    try {
      evaluations.evaluateModel(run, model.epoch(), model.finalModel(), Path.of(model.location()));
    } catch (RuntimeException e) {
      events.failed(
          run.runId(),
          "evaluation of the epoch " + model.epoch() + " model failed: " + e.getMessage());
    }
  }
}
