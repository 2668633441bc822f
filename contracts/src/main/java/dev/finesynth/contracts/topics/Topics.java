package dev.finesynth.contracts.topics;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Shortfall;
import dev.finesynth.contracts.events.TrainingRequest;
import dev.finesynth.contracts.events.Triplet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every topic finesynth reads or writes. Services, the CLI and tests take topic
 * names, key meanings, value types and creation settings from here and nowhere else.
 */
public final class Topics {
  /** Prefix used when the configuration names none ({@code finesynth.topic-prefix}). */
  public static final String DEFAULT_PREFIX = "finesynth.";

  // divisible by 1, 2, 3 and 6, so that that many instances of a service get equal shares
  private static final int PARTITIONS = 6;
  private static final Duration MONTH = Duration.ofDays(30);

  /** Partitioned so that the evaluators' shared group spreads the runs' base evaluations. */
  public static final Topic<RunSpec> RUNS =
      new Topic<>("runs", "runId", RunSpec.class, PARTITIONS, true, null);

  public static final Topic<CorpusDocument> CORPUS =
      new Topic<>("corpus", "corpusId/docId", CorpusDocument.class, PARTITIONS, true, null);
  public static final Topic<QueryEvent> QUERIES =
      new Topic<>("queries", "runId/queryId", QueryEvent.class, PARTITIONS, false, MONTH);
  public static final Topic<Relation> RELATIONS =
      new Topic<>("relations", "runId/queryId", Relation.class, PARTITIONS, false, MONTH);
  public static final Topic<Triplet> TRIPLETS =
      new Topic<>("triplets", "runId/queryId/negDocId", Triplet.class, PARTITIONS, false, null);
  public static final Topic<RunEvent> RUN_EVENTS =
      new Topic<>("run-events", "runId", RunEvent.class, 1, false, null);
  public static final Topic<MetricEvent> METRICS =
      new Topic<>("metrics", "runId", MetricEvent.class, 1, false, null);
  public static final Topic<ModelArtifact> MODELS =
      new Topic<>("models", "runId", ModelArtifact.class, PARTITIONS, false, null);

  /**
   * A run's claim to be trained, one record per completed dataset: the trainers' shared group gives
   * each to one instance, and to another when that one dies before it commits.
   */
  public static final Topic<TrainingRequest> TRAININGS =
      new Topic<>("trainings", "runId", TrainingRequest.class, PARTITIONS, false, null);

  /**
   * Triplets that queries will not yield (too few candidates, or a skipped bad record): the dataset
   * sink counts them toward the run's end, so a short query never leaves its run waiting.
   */
  public static final Topic<Shortfall> SHORTFALLS =
      new Topic<>("shortfalls", "runId/queryId", Shortfall.class, PARTITIONS, false, MONTH);

  /** Topics that carry events, in pipeline order. */
  public static final List<Topic<?>> EVENT_TOPICS =
      List.of(
          RUNS,
          CORPUS,
          QUERIES,
          RELATIONS,
          SHORTFALLS,
          TRIPLETS,
          RUN_EVENTS,
          METRICS,
          MODELS,
          TRAININGS);

  /**
   * One dead-letter topic per consuming channel; the record keeps the original key and value, and
   * the {@code dead-letter-reason} header says what was wrong.
   */
  public static final List<Topic<String>> DEAD_LETTERS =
      List.of(
          deadLetter("miner", CORPUS),
          deadLetter("miner", QUERIES),
          deadLetter("miner", RUNS),
          deadLetter("scorer", RELATIONS),
          deadLetter("scorer", RUNS),
          deadLetter("trainer", TRIPLETS),
          deadLetter("trainer", SHORTFALLS),
          deadLetter("trainer", RUNS),
          deadLetter("trainer", TRAININGS),
          deadLetter("evaluator", MODELS),
          deadLetter("evaluator", RUNS),
          deadLetter("evaluator", "base-evaluations"));

  private Topics() {}

  /**
   * The dead-letter topic of one service's channel on {@code source}, e.g. {@code
   * miner-queries-dead-letters}.
   */
  public static Topic<String> deadLetter(String service, Topic<?> source) {
    return new Topic<>(
        service + "-" + source.name() + "-dead-letters",
        source.keyDescription(),
        String.class,
        1,
        false,
        MONTH);
  }

  /** The dead-letter topic of a service's channel that reads a topic under another name. */
  public static Topic<String> deadLetter(String service, String channel) {
    return new Topic<>(
        service + "-" + channel + "-dead-letters", "runId", String.class, 1, false, MONTH);
  }

  /** Every topic to create: the event topics and all dead-letter topics. */
  public static List<Topic<?>> all() {
    var all = new java.util.ArrayList<Topic<?>>(EVENT_TOPICS);
    all.addAll(DEAD_LETTERS);
    return List.copyOf(all);
  }

  /** The registered topic with this unprefixed name. */
  public static Optional<Topic<?>> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
