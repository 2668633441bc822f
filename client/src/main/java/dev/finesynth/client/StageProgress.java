package dev.finesynth.client;

import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progress of a run's stages folded from their events. A stage that several instances share
 * ({@link RunEvent#SHARED_STAGES}) is the sum of each instance's last counts, and its message names
 * the instances' shares; other stages report the run's own figures, so their last event tells it.
 */
public final class StageProgress {
  private final Map<String, Map<String, RunEvent>> byStage = new LinkedHashMap<>();

  /** Takes a progress event in; returns its stage's progress as it stands now. */
  public RunEvent apply(RunEvent event) {
    Map<String, RunEvent> byInstance =
        byStage.computeIfAbsent(event.stage(), s -> new LinkedHashMap<>());
    byInstance.put(String.valueOf(event.instance()), event);
    return fold(event.stage(), byInstance);
  }

  /** Every stage's progress as it stands now. */
  public Map<String, RunEvent> all() {
    Map<String, RunEvent> last = new LinkedHashMap<>();
    byStage.forEach((stage, byInstance) -> last.put(stage, fold(stage, byInstance)));
    return last;
  }

  private static RunEvent fold(String stage, Map<String, RunEvent> byInstance) {
    RunEvent latest =
        byInstance.values().stream().max(Comparator.comparing(RunEvent::timestamp)).orElseThrow();
    if (!RunEvent.SHARED_STAGES.contains(stage) || byInstance.size() == 1) {
      return latest;
    }
    Map<String, Double> counts = new LinkedHashMap<>();
    StringBuilder shares = new StringBuilder();
    for (var entry : byInstance.entrySet()) {
      entry
          .getValue()
          .counts()
          .forEach((k, v) -> counts.merge(k, v, k.equals("expected") ? Math::max : Double::sum));
      long share = entry.getValue().counts().getOrDefault("queries", 0.0).longValue();
      shares.append(shares.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ');
      shares.append(share);
    }
    long done = counts.getOrDefault("queries", 0.0).longValue();
    String message =
        stage
            + " "
            + done
            + (counts.containsKey("expected") ? "/" + counts.get("expected").longValue() : "")
            + " queries on "
            + byInstance.size()
            + " instances ("
            + shares
            + ")";
    return new RunEvent(
        latest.schemaVersion(),
        latest.runId(),
        stage,
        RunEventType.PROGRESS,
        message,
        counts,
        latest.timestamp(),
        null);
  }
}
