package dev.finesynth.miner.messaging;

import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.ServiceKitFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Mining processors wired to a service-kit fixture, as CDI wires them in the service. */
final class MiningProcessors {
  private MiningProcessors() {}

  /** The corpus indexes and encoders are left to each test. */
  static QueryMiningProcessor wired(ServiceKitFixture kit, RecordingEmitter relations) {
    QueryMiningProcessor processor = new QueryMiningProcessor();
    processor.decoder = kit.decoder;
    processor.runs = kit.runs;
    processor.cancelled = kit.cancelled;
    processor.events = kit.events;
    processor.codec = kit.codec;
    processor.registry = new SimpleMeterRegistry();
    processor.relations = relations;
    processor.config = kit.config;
    processor.rebalances = kit.rebalances;
    processor.shortfallPublisher = kit.shortfalls;
    processor.open();
    return processor;
  }
}
