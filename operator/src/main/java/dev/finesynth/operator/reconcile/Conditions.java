package dev.finesynth.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Sets a status condition the Kubernetes way: one per type, its transition time kept while its
 * status stays the same.
 */
final class Conditions {
  static final String ACCEPTED = "Accepted";
  static final String COMPLETED = "Completed";
  static final String SPEC_APPLIED = "SpecApplied";

  private Conditions() {}

  static void set(
      List<Condition> conditions,
      String type,
      boolean status,
      String reason,
      String message,
      Long generation) {
    set(conditions, type, status ? "True" : "False", reason, message, generation);
  }

  static void set(
      List<Condition> conditions,
      String type,
      String status,
      String reason,
      String message,
      Long generation) {
    Condition old =
        conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    String since =
        old != null && status.equals(old.getStatus())
            ? old.getLastTransitionTime()
            : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    conditions.removeIf(c -> c.getType().equals(type));
    conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
  }
}
