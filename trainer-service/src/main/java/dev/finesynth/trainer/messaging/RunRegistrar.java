package dev.finesynth.trainer.messaging;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.contracts.validation.InvalidEventException;
import dev.finesynth.servicekit.RunEventPublisher;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tells every run spec's fate once, whoever wrote it (the CLI, kcat): CREATED for a spec the
 * services accept, FAILED with the reason for one they reject, under the record's key, so that a
 * plain producer's run is findable either way. The trainers share one group over {@code runs}, so
 * one instance speaks for each spec.
 */
@ApplicationScoped
public class RunRegistrar {
  @Inject EventCodec codec;
  @Inject RunEventPublisher events;

  @Incoming("run-intake")
  public void register(Record<String, String> record) {
    if (record.value() == null || record.key() == null) {
      return; // a deleted run, or a record no run can be found by
    }
    try {
      RunSpec run = codec.decode(Topics.RUNS, record.value());
      events.created(
          run.runId(),
          "created: "
              + run.expectedQueries()
              + " queries, "
              + run.expectedDocuments()
              + " documents, "
              + run.numRelations()
              + " relations per query, preset "
              + run.models().preset());
    } catch (InvalidEventException rejected) {
      events.failed(record.key(), "rejected the run spec: " + rejected.getMessage());
    }
  }
}
