package dev.finesynth.evaluator.messaging;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.evaluator.evaluation.RunEvaluations;
import dev.finesynth.servicekit.RunEventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Measures the base model of every run with held-out data. The run specs are read here by the
 * evaluators' shared group ({@code base-evaluations}), not by each instance's own catalog, so each
 * run's base model is measured by one instance, once: the report in the shared folder says so after
 * a restart or a rebalance. Same {@code evaluation} pool as the trained models: one evaluation at a
 * time.
 */
@ApplicationScoped
public class RunStartEvaluator {
  @Inject RunEvaluations evaluations;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;

  @Incoming("base-evaluations")
  @Blocking("evaluation")
  public void evaluate(Record<String, String> record) {
    if (record.value() == null) {
      return; // a deleted run
    }
    RunSpec run = codec.decode(Topics.RUNS, record.value());
    if (run.evaluation() == null) {
      return;
    }
    try {
      evaluations.evaluateBase(run);
    } catch (RuntimeException e) {
      events.failed(run.runId(), "evaluation of the base model failed: " + e.getMessage());
    }
  }
}
