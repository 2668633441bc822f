package dev.finesynth.operator.reconcile;

import dev.finesynth.client.MetricsTable;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.operator.resource.SynthesisRunStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A run's view, as the client folds its events, written into a SynthesisRun's status. */
final class StatusFold {
  static final String METRIC = "ndcg@10";

  private static final Set<RunEventType> SPOKEN =
      Set.of(RunEventType.STARTED, RunEventType.PROGRESS, RunEventType.COMPLETED);

  private StatusFold() {}

  /** What the stage that spoke last said, its progress summed over its instances. */
  private static String said(RunView run, RunEvent last) {
    String message =
        last.type() == RunEventType.PROGRESS
            ? run.progress().get(last.stage()).message()
            : last.type().name().toLowerCase(Locale.ROOT) + ": " + last.message();
    return message.startsWith(last.stage()) ? message : last.stage() + " " + message;
  }

  static void into(SynthesisRunStatus status, RunView run) {
    RunStatus phase = run.status();
    status.phase = phase.name();
    status.reason = run.failureReason();
    Map<String, String> stages = new LinkedHashMap<>();
    run.progress().forEach((stage, event) -> stages.put(stage, event.message()));
    for (RunEvent event : run.log()) {
      if (event.type() == RunEventType.COMPLETED
          || event.type() == RunEventType.FAILED
          || event.type() == RunEventType.CANCELLED) {
        stages.put(event.stage(), event.type() + ": " + event.message());
      }
    }
    status.stages = stages;
    status.progress =
        phase.terminal()
            ? phase.name().toLowerCase(Locale.ROOT)
            : run.log().stream()
                .filter(e -> SPOKEN.contains(e.type()))
                .reduce((a, b) -> b)
                .map(e -> said(run, e))
                .orElse("waiting for the services");
    MetricsTable table = MetricsTable.of(run.metrics());
    if (!table.isEmpty()) {
      SynthesisRunStatus.RunMetrics metrics = new SynthesisRunStatus.RunMetrics();
      metrics.baseNdcgAt10 = table.value(METRIC, 0);
      metrics.epoch = table.lastEpoch();
      metrics.ndcgAt10 = metrics.epoch > 0 ? table.value(METRIC, metrics.epoch) : null;
      status.metrics = metrics;
    }
    run.dataset()
        .ifPresent(
            summary -> {
              SynthesisRunStatus.DatasetStatus dataset = new SynthesisRunStatus.DatasetStatus();
              dataset.rows = summary.rows();
              dataset.missing = summary.missing() > 0 ? summary.missing() : null;
              dataset.checksum = summary.checksum();
              status.dataset = dataset;
            });
    run.model()
        .ifPresent(
            artifact -> {
              SynthesisRunStatus.ModelStatus model = new SynthesisRunStatus.ModelStatus();
              model.location = artifact.location();
              model.epoch = artifact.epoch();
              model.finalModel = artifact.finalModel();
              status.model = model;
            });
  }
}
