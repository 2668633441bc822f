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
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Evaluates every model the trainer announces. An invalid announcement, or one whose run spec does
 * not arrive in time, goes to the dead letters with the reason; a model that cannot be evaluated
 * fails its run.
 */
@ApplicationScoped
public class ModelEvaluationProcessor {
  private static final Duration WAIT_STEP = Duration.ofSeconds(30);

  @Inject EventCodec codec;
  @Inject RunCatalog runs;
  @Inject RunEvaluations evaluations;
  @Inject RunEventPublisher events;

  /** At start the run specs are read again while models may already come in: wait for them. */
  @ConfigProperty(name = "finesynth.evaluator.run-spec-wait", defaultValue = "10m")
  Duration runSpecWait;

  @Incoming("models")
  @Blocking("evaluation")
  public void evaluate(Record<String, String> record) throws InterruptedException {
    ModelArtifact model = codec.decode(Topics.MODELS, record.value());
    RunSpec run = awaitRun(model.runId());
    try {
      evaluations.evaluateModel(run, model);
    } catch (RuntimeException e) {
      events.failed(
          run.runId(),
          "evaluation of the epoch " + model.epoch() + " model failed: " + e.getMessage());
    }
  }

  private RunSpec awaitRun(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + runSpecWait.toNanos();
    Optional<RunSpec> run;
    while ((run = runs.find(runId)).isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "runId: no run spec for " + runId + " arrived within " + runSpecWait);
      }
      runs.awaitChange(Duration.ofNanos(Math.min(left, WAIT_STEP.toNanos())));
    }
    return run.get();
  }
}
