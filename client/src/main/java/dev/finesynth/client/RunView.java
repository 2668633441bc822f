package dev.finesynth.client;

import dev.finesynth.contracts.events.DatasetSummary;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run as its events tell it, with no database: which stages started and completed, the last
 * progress of each, the log, the failure reason, and the metrics. Its status is FINISHED once the
 * services say so (the final stage's FINISHED event), or, for events of services that did not, when
 * every stage the spec calls for has completed: mining, scoring and the dataset; training when
 * asked; the evaluation of the final model when held-out data was given.
 */
public final class RunView {
  private final RunSpec spec;
  private final Set<String> started = new LinkedHashSet<>();
  private final Set<String> completed = new LinkedHashSet<>();
  private final StageProgress progress = new StageProgress();
  private final List<RunEvent> log = new ArrayList<>();
  private final List<MetricEvent> metrics = new ArrayList<>();
  private RunEvent failure;
  private RunEvent cancellation;
  private RunEvent finish;
  private DatasetSummary dataset;
  private ModelArtifact model;

  public RunView(RunSpec spec) {
    this.spec = spec;
  }

  public void apply(RunEvent event) {
    log.add(event);
    switch (event.type()) {
      case STARTED -> started.add(event.stage());
      case COMPLETED -> {
        completed.add(event.stage());
        if (event.stage().equals("dataset")) {
          dataset = DatasetSummary.parse(event.message()).orElse(dataset);
        }
      }
      case PROGRESS -> progress.apply(event);
      case FAILED -> failure = failure == null ? event : failure;
      case CANCELLED -> cancellation = event;
      case FINISHED -> finish = event;
      default -> {
        // CREATED, LOG: kept in the log only
      }
    }
  }

  /**
   * A run known only by its events: its spec was rejected (the services say why), so it has only a
   * placeholder spec named by its key.
   */
  public static RunView rejected(RunEvent failure) {
    RunView view =
        new RunView(
            new RunSpec(
                RunSpec.SCHEMA_VERSION,
                failure.runId(),
                failure.runId(),
                "-",
                null,
                2,
                8,
                8,
                1,
                2,
                1,
                null,
                null,
                failure.timestamp(),
                null));
    view.apply(failure);
    return view;
  }

  public void apply(MetricEvent metric) {
    metrics.add(metric);
  }

  /** The latest model the trainer wrote for the run (the final one once training completed). */
  public void apply(ModelArtifact artifact) {
    if (model == null || artifact.epoch() >= model.epoch()) {
      model = artifact;
    }
  }

  public Optional<DatasetSummary> dataset() {
    return Optional.ofNullable(dataset);
  }

  public Optional<ModelArtifact> model() {
    return Optional.ofNullable(model);
  }

  public RunStatus status() {
    if (cancellation != null) {
      return RunStatus.CANCELLED;
    }
    if (failure != null) {
      return RunStatus.FAILED;
    }
    if (finish != null) {
      return RunStatus.FINISHED;
    }
    // runs of services that published no FINISHED: every stage the spec calls for completed
    boolean synthesizes = spec.synthesizes();
    if ((!synthesizes || completed.containsAll(List.of("miner", "scorer", "dataset")))
        && (spec.training() == null || completed.contains("trainer"))
        && (spec.training() == null || spec.evaluation() == null || finalModelEvaluated())) {
      return RunStatus.FINISHED;
    }
    return started.isEmpty() && completed.isEmpty() && progress.all().isEmpty()
        ? RunStatus.CREATED
        : RunStatus.STARTED;
  }

  private boolean finalModelEvaluated() {
    int epochs = spec.training().epochs();
    return metrics.stream()
        .anyMatch(
            m ->
                m.stage().equals("evaluator")
                    && m.epoch() == epochs
                    && m.model().equals("fine-tuned"));
  }

  /** The stage that speaks last, or none yet. */
  public String currentStage() {
    return log.stream()
        .filter(e -> e.type() != RunEventType.LOG)
        .reduce((a, b) -> b)
        .map(RunEvent::stage)
        .orElse("-");
  }

  public String failureReason() {
    return failure == null ? null : failure.stage() + ": " + failure.message();
  }

  public RunSpec spec() {
    return spec;
  }

  public List<RunEvent> log() {
    return List.copyOf(log);
  }

  /** The last progress of each stage, summed over the instances of a shared stage. */
  public Map<String, RunEvent> progress() {
    return progress.all();
  }

  public List<MetricEvent> metrics() {
    return List.copyOf(metrics);
  }

  public Set<String> completedStages() {
    return Set.copyOf(completed);
  }
}
