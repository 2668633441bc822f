package dev.finesynth.evaluator.messaging;

import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.evaluator.evaluation.RunEvaluations;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Measures the base model as soon as a run with held-out data arrives. The run catalog fires on its
 * consumer thread, so the spec is handed over an in-memory channel to the {@code evaluation} worker
 * pool, the one that evaluates the trainer's models too: one evaluation at a time.
 */
@ApplicationScoped
public class RunStartEvaluator {
  @Inject RunEvaluations evaluations;
  @Inject RunEventPublisher events;

  /** Run specs are small and arrive all at once at start (the topic is read again): no limit. */
  @Inject
  @Channel("base-evaluations")
  @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
  Emitter<RunSpec> pending;

  void onRun(@Observes RunCatalog.RunArrived arrived) {
    if (arrived.spec().evaluation() != null) {
      pending.send(arrived.spec());
    }
  }

  @Incoming("base-evaluations")
  @Blocking("evaluation")
  public void evaluate(RunSpec run) {
    try {
      evaluations.evaluateBase(run);
    } catch (RuntimeException e) {
      events.failed(run.runId(), "evaluation of the base model failed: " + e.getMessage());
    }
  }
}
