package dev.finesynth.evaluator.messaging;

import dev.finesynth.evaluator.evaluation.RunEvaluations;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Measures the base model as soon as a run with held-out data arrives, off the consumer thread. */
@Singleton
public class RunStartEvaluator {
  @Inject RunEvaluations evaluations;
  @Inject RunEventPublisher events;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "evaluation-base"));

  void onRun(@Observes RunCatalog.RunArrived arrived) {
    if (arrived.spec().evaluation() == null) {
      return;
    }
    worker.submit(
        () -> {
          try {
            evaluations.evaluateBase(arrived.spec());
          } catch (RuntimeException e) {
            events.failed(
                arrived.spec().runId(), "evaluation of the base model failed: " + e.getMessage());
          }
        });
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
