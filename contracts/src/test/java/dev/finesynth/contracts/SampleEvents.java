package dev.finesynth.contracts;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.Shortfall;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.TrainingRequest;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One valid event per topic, for round-trip tests. */
public final class SampleEvents {
  private SampleEvents() {}

  public static RunSpec runSpec() {
    var models =
        new SynthesisModels(
            "offline",
            "all-minilm-l6-v2",
            List.of(ScorerSpec.biEncoder("bge-small-en-v1.5"), ScorerSpec.biEncoder("e5-small-v2")),
            "mean");
    return new RunSpec(
        Event.SCHEMA_VERSION,
        "run-1",
        "brave-otter",
        "cranfield",
        models,
        10,
        64,
        256,
        32,
        1400,
        100,
        TrainingSpec.defaults(),
        new EvaluationSpec("beir", "/data/cranfield-beir", "test", List.of(10, 20)),
        Instant.parse("2026-11-26T10:00:00Z"),
        null);
  }

  public static Map<Topic<?>, Event> onePerTopic() {
    return Map.of(
        Topics.RUNS, runSpec(),
        Topics.CORPUS, CorpusDocument.of("cranfield", "d1", "Flow", "boundary layer flow"),
        Topics.QUERIES, QueryEvent.of("run-1", "q1", "what is a boundary layer"),
        Topics.RELATIONS,
            Relation.of(
                "run-1",
                "q1",
                "what is a boundary layer",
                List.of(
                    new RelatedDocument("d1", "layer", 1, 0.9),
                    new RelatedDocument("d2", "wing", 2, 0.5))),
        Topics.TRIPLETS, Triplet.of("run-1", "q1", "q", "d1", "pos", "d2", "neg", 0.9, 0.4),
        Topics.RUN_EVENTS, RunEvent.of("run-1", "miner", RunEventType.STARTED, "mining"),
        Topics.METRICS, MetricEvent.of("run-1", "evaluator", "base", 0, "ndcg", 10, 0.41),
        Topics.MODELS,
            ModelArtifact.of("run-1", 1, true, "/models/run-1/epoch-1", "all-minilm-l6-v2", "abc"),
        Topics.SHORTFALLS, Shortfall.of("run-1", "q2", "miner", 3, "1 candidates of the 4 asked"),
        Topics.TRAININGS, TrainingRequest.of("run-1", "run-1"));
  }
}
