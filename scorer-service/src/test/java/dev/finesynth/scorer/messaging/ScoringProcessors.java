package dev.finesynth.scorer.messaging;

import dev.finesynth.scorer.teacher.TeacherFactory;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.ServiceKitFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Scoring processors wired to a service-kit fixture, as CDI wires them in the service. */
final class ScoringProcessors {
  private ScoringProcessors() {}

  /** {@code teachers} may be null for tests that must never load a teacher. */
  static RelationScoringProcessor wired(
      ServiceKitFixture kit, RecordingEmitter triplets, TeacherFactory teachers) {
    RelationScoringProcessor processor = new RelationScoringProcessor();
    processor.decoder = kit.decoder;
    processor.runs = kit.runs;
    processor.cancelled = kit.cancelled;
    processor.events = kit.events;
    processor.codec = kit.codec;
    processor.registry = new SimpleMeterRegistry();
    processor.triplets = triplets;
    processor.teachers = teachers;
    processor.config = kit.config;
    processor.rebalances = kit.rebalances;
    processor.shortfalls = kit.shortfalls;
    processor.open();
    return processor;
  }
}
