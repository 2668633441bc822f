package dev.finesynth.client;

import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All runs of a cluster, folded from the {@code runs}, {@code run-events} and {@code metrics}
 * topics.
 */
public final class RunDirectory {
  private final Map<String, RunView> byId = new LinkedHashMap<>();

  private RunDirectory() {}

  /** A directory to fold events into as they arrive (a long-running reader's). */
  public static RunDirectory empty() {
    return new RunDirectory();
  }

  public static RunDirectory load(Cluster cluster) {
    RunDirectory directory = new RunDirectory();
    cluster.readAll(Topics.RUNS).forEach(directory::apply);
    cluster.readAll(Topics.RUN_EVENTS).forEach(directory::apply);
    cluster.readAll(Topics.METRICS).forEach(directory::apply);
    return directory;
  }

  /** A spec read from the runs topic; a later copy of the same run id changes nothing. */
  public void apply(RunSpec spec) {
    byId.putIfAbsent(spec.runId(), new RunView(spec));
  }

  public void apply(RunEvent event) {
    RunView view = byId.get(event.runId());
    if (view != null) {
      view.apply(event);
    } else if (event.type() == RunEventType.FAILED && event.stage().equals("trainer")) {
      byId.put(event.runId(), RunView.rejected(event)); // its spec could not be read
    }
  }

  public void apply(MetricEvent metric) {
    RunView view = byId.get(metric.runId());
    if (view != null) {
      view.apply(metric);
    }
  }

  public void apply(ModelArtifact model) {
    RunView view = byId.get(model.runId());
    if (view != null) {
      view.apply(model);
    }
  }

  public Optional<RunView> byId(String runId) {
    return Optional.ofNullable(byId.get(runId));
  }

  /** Runs, newest first. */
  public List<RunView> runs() {
    return byId.values().stream()
        .sorted(Comparator.comparing((RunView v) -> v.spec().createdAt()).reversed())
        .toList();
  }

  /** The run with this name (or id); a clear error lists the known names otherwise. */
  public RunView find(String nameOrId) {
    return byId.values().stream()
        .filter(v -> v.spec().name().equals(nameOrId) || v.spec().runId().equals(nameOrId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no run named '"
                        + nameOrId
                        + "'"
                        + (byId.isEmpty()
                            ? "; there are no runs yet"
                            : "; known runs: "
                                + String.join(
                                    ", ",
                                    byId.values().stream().map(v -> v.spec().name()).toList()))));
  }

  public boolean nameTaken(String name) {
    return byId.values().stream().anyMatch(v -> v.spec().name().equals(name));
  }
}
