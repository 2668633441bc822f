package dev.finesynth.client;

import dev.finesynth.contracts.datasets.CanonicalDataset;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.EventLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Starts and watches finesynth runs from any JVM that reaches the Kafka cluster: the same
 * operations as the CLI, in code. Everything goes through Kafka; no service endpoint is needed.
 *
 * <pre>{@code
 * FinesynthClient client = FinesynthClient.connect("kafka:9092");
 * String name = client.startRun(RunRequest.builder().setQueries(q).setDocuments(d).build());
 * RunStatus status = client.follow(name, event -> System.out.println(event.message()));
 * }</pre>
 */
public final class FinesynthClient {
  private final Cluster cluster;

  private FinesynthClient(Cluster cluster) {
    this.cluster = cluster;
  }

  public static FinesynthClient connect(String bootstrapServers) {
    return connect(bootstrapServers, Topics.DEFAULT_PREFIX);
  }

  public static FinesynthClient connect(String bootstrapServers, String topicPrefix) {
    return new FinesynthClient(Cluster.connect(bootstrapServers, topicPrefix));
  }

  /**
   * A client of a secured cluster, e.g. {@code KafkaConnection.of("kafka:9093",
   * KafkaSecurity.fromUserSecret(userDir, caFile))}.
   */
  public static FinesynthClient connect(KafkaConnection connection, String topicPrefix) {
    return new FinesynthClient(Cluster.connect(connection, topicPrefix));
  }

  /**
   * Uploads the corpus and the queries, publishes the run spec; returns the run's name. A request
   * with a run id that is already on the runs topic starts nothing and returns that run's name.
   */
  public String startRun(RunRequest request) {
    RunDirectory runs = RunDirectory.load(cluster);
    if (request.runId() != null) {
      var started = runs.byId(request.runId());
      if (started.isPresent()) {
        return started.get().spec().name();
      }
    }
    String name = request.name() != null ? request.name() : RunNames.random();
    if (runs.nameTaken(name)) {
      throw new IllegalArgumentException(
          "the run name '" + name + "' is already taken; choose another");
    }
    String runId = request.runId() != null ? request.runId() : UUID.randomUUID().toString();
    String corpusId =
        request.corpus() != null
            ? request.corpus().corpusId()
            : "corpus-" + fingerprint(request.documents());
    long expectedDocuments =
        request.corpus() != null ? request.corpus().documents() : request.documents().size();
    RunSpec spec =
        new RunSpec(
            Event.SCHEMA_VERSION,
            runId,
            name,
            corpusId,
            request.models(),
            request.numRelations(),
            request.maxQueryLength(),
            request.maxDocumentLength(),
            32,
            expectedDocuments,
            request.queries().size(),
            request.training(),
            request.evaluation(),
            Instant.now(),
            request.skipBadRecords() ? Boolean.TRUE : null);
    spec.validate(new Checks(EventLimits.DEFAULT));
    List<CorpusDocument> documents = new ArrayList<>();
    request
        .documents()
        .forEach(d -> documents.add(CorpusDocument.of(corpusId, d.id(), d.title(), d.text())));
    try (RunPublisher publisher = cluster.publisher()) {
      publisher.corpus(documents);
      publisher.run(spec);
      publisher.queries(
          request.queries().stream()
              .map(q -> QueryEvent.of(runId, q.id(), q.text(), request.sourceOf(q.id())))
              .toList());
      publisher.flush();
    }
    return name;
  }

  /** How many documents the corpus topic holds under {@code corpusId} (0 when none). */
  public long corpusSize(String corpusId) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    cluster.read(
        Topics.CORPUS,
        d -> {
          if (d.corpusId().equals(corpusId)) {
            ids.add(d.docId());
          }
        },
        () -> false);
    return ids.size();
  }

  /** Starts fine-tuning on the complete dataset of an earlier run; returns the new run's name. */
  public String fit(
      String datasetRun, TrainingSpec training, EvaluationSpec evaluation, String name) {
    RunDirectory runs = RunDirectory.load(cluster);
    RunView source = runs.find(datasetRun);
    if (!source.completedStages().contains("dataset")) {
      throw new IllegalStateException("the dataset of " + datasetRun + " is not complete yet");
    }
    String runName = name != null ? name : RunNames.random();
    if (runs.nameTaken(runName)) {
      throw new IllegalArgumentException(
          "the run name '" + runName + "' is already taken; choose another");
    }
    RunSpec from = source.spec();
    String runId = UUID.randomUUID().toString();
    RunSpec spec =
        new RunSpec(
            Event.SCHEMA_VERSION,
            runId,
            runName,
            from.corpusId(),
            from.models(),
            from.numRelations(),
            from.maxQueryLength(),
            from.maxDocumentLength(),
            from.batchSize(),
            from.expectedDocuments(),
            from.expectedQueries(),
            training.withDatasetRunId(from.runId()),
            evaluation != null ? evaluation : from.evaluation(),
            Instant.now(),
            null);
    try (RunPublisher publisher = cluster.publisher()) {
      publisher.run(spec);
      publisher.event(
          RunEvent.of(
              runId, "run", RunEventType.CREATED, "fine-tuning on the dataset of " + from.name()));
      publisher.flush();
    }
    return runName;
  }

  public List<RunView> runs() {
    return RunDirectory.load(cluster).runs();
  }

  public RunView run(String name) {
    return RunDirectory.load(cluster).find(name);
  }

  /** Hands every event of the run to {@code onEvent}, from the first, until the run ends. */
  public RunStatus follow(String name, Consumer<RunEvent> onEvent) {
    RunView run = new RunView(run(name).spec());
    String runId = run.spec().runId();
    cluster.read(
        List.of(Topics.RUN_EVENTS, Topics.METRICS),
        value -> {
          if (value instanceof RunEvent e && e.runId().equals(runId)) {
            run.apply(e);
            onEvent.accept(e);
          } else if (value instanceof MetricEvent m && m.runId().equals(runId)) {
            run.apply(m);
          }
        },
        () -> !run.status().terminal());
    return run.status();
  }

  /**
   * The run's triplets in the canonical dataset's rows (one per key, ordered by key); fails while
   * the dataset is incomplete.
   */
  public List<Triplet> dataset(String name) {
    RunView run = run(name);
    if (!run.completedStages().contains("dataset")) {
      throw new IllegalStateException(
          "the dataset of "
              + name
              + " is not complete yet ("
              + (run.progress().containsKey("dataset")
                  ? run.progress().get("dataset").message()
                  : "no triplets yet")
              + ")");
    }
    List<Triplet> rows = new ArrayList<>();
    cluster.read(
        Topics.TRIPLETS,
        t -> {
          if (t.runId().equals(run.spec().runId())) {
            rows.add(t);
          }
        },
        () -> false);
    return CanonicalDataset.rows(rows, cluster.codec());
  }

  public void cancel(String name) {
    RunView run = run(name);
    if (run.status().terminal()) {
      throw new IllegalStateException(name + " has already ended: " + run.status());
    }
    try (RunPublisher publisher = cluster.publisher()) {
      publisher.event(
          RunEvent.of(run.spec().runId(), "run", RunEventType.CANCELLED, "cancelled by the user"));
      publisher.flush();
    }
  }

  public Cluster cluster() {
    return cluster;
  }

  /** The same documents get the same corpus id, so a corpus is embedded once across runs. */
  static String fingerprint(List<TextRecord> docs) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (TextRecord d : docs) {
        digest.update(
            (d.id() + "\u0000" + d.title() + "\u0000" + d.text() + "\u0001")
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
