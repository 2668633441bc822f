package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.MetricsTable;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.retrieval.ExactRetriever;
import dev.finesynth.teacher.EncoderSource;
import dev.finesynth.teacher.Teacher;
import dev.finesynth.teacher.Teachers;
import dev.finesynth.teacher.lexical.Bm25Index;
import dev.finesynth.teacher.lexical.Bm25Params;
import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole recipe through the CLI on a real broker with the four services as processes: 100
 * Cranfield train queries against the whole corpus (offline preset, num_relations 10), one epoch of
 * MarginMSE with the trainer killed and restarted mid-epoch, and the evaluation of the base and the
 * fine-tuned model on the 112 test queries. One stack and one run serve the issues' checks in
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecipeIT {
  private static final int QUERIES = 100;
  private static final int NUM_RELATIONS = 10;
  private static final EventCodec CODEC = new EventCodec();
  private static final SynthesisModels OFFLINE = Presets.models("offline");
  private static StackFixture stack;
  private static CliRunner cli;
  private static String runName;
  private static List<Triplet> triplets;

  @TempDir static Path work;

  @BeforeAll
  static void startStack() throws Exception {
    stack = StackFixture.start();
    cli = new CliRunner(KafkaBroker.bootstrapServers(), stack.prefix());
  }

  /** Later steps need the run the first one starts; without it (no dataset) they are skipped. */
  @org.junit.jupiter.api.BeforeEach
  void needsTheRun(org.junit.jupiter.api.TestInfo test) {
    if (!test.getTestMethod().orElseThrow().getName().equals("synthesizeStartsARunAndNamesIt")) {
      org.junit.jupiter.api.Assumptions.assumeTrue(runName != null, "the run was not started");
    }
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void synthesizeStartsARunAndNamesIt() throws Exception {
    Path queries = work.resolve("train-queries.jsonl");
    Map<String, String> texts = Cranfield.queries();
    List<String> lines = new ArrayList<>();
    for (String id : Cranfield.queryIds("train").subList(0, QUERIES)) {
      lines.add(CODEC.mapper().writeValueAsString(Map.of("_id", id, "text", texts.get(id))));
    }
    Files.write(queries, lines);
    runName = "recipe-" + UUID.randomUUID().toString().substring(0, 6);
    var result =
        cli.run(
            "synthesize",
            "--queries",
            queries.toString(),
            "--corpus",
            Cranfield.folder().toString(),
            "--models",
            "offline",
            "--num-relations",
            Integer.toString(NUM_RELATIONS),
            "--name",
            runName,
            "--fit",
            "--epochs",
            "1",
            "--checkpoint-every",
            "5",
            "--batch-size",
            "32",
            "--warmup-steps",
            "5",
            "--learning-rate",
            "2e-5",
            "--eval",
            Cranfield.folder().toString(),
            "--eval-k",
            "10,20");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().trim()).isEqualTo(runName);

    var taken =
        cli.run(
            "synthesize",
            "--queries",
            queries.toString(),
            "--corpus",
            Cranfield.folder().toString(),
            "--name",
            runName);
    assertThat(taken.exitCode()).isEqualTo(1);
    assertThat(taken.err()).contains("already taken");
  }

  @Test
  @Order(2)
  void datasetHoldsQueriesTimesNineDistinctTripletsWithTheTeachersMargins() throws Exception {
    await()
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> run().completedStages().contains("dataset"));
    Path file = work.resolve("dataset.jsonl");
    var result = cli.run("dataset", runName, "--out", file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    triplets = Files.readAllLines(file).stream().map(l -> CODEC.decode(Triplet.class, l)).toList();
    assertThat(triplets).hasSize(QUERIES * (NUM_RELATIONS - 1));
    assertThat(triplets.stream().map(Triplet::key).distinct())
        .hasSize(QUERIES * (NUM_RELATIONS - 1));
    assertPositivesFollowThePreset();
    assertMarginsAreTheTeacherDifference();
  }

  @Test
  @Order(3)
  void replayingTheTripletsIntoTheSinkChangesNothing() throws Exception {
    String runId = run().spec().runId();
    var before = stack.get("trainer", "/datasets/" + runId);
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", KafkaBroker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (Triplet t : triplets) {
        producer.send(
            new ProducerRecord<>(
                Topics.TRIPLETS.qualifiedName(stack.prefix()), t.key(), CODEC.encode(t)));
      }
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                ConsumerLag.of(
                        stack.prefix() + "trainer-triplets",
                        Topics.TRIPLETS.qualifiedName(stack.prefix()))
                    == 0);
    var after = stack.get("trainer", "/datasets/" + runId);
    assertThat(after.headers().firstValue("X-Checksum"))
        .isEqualTo(before.headers().firstValue("X-Checksum"));
    assertThat(after.body().lines().count()).isEqualTo(QUERIES * 9L);
  }

  @Test
  @Order(4)
  void aTrainerKilledMidEpochResumesFromItsCheckpointAndFinishes() throws Exception {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> step(run()) >= 12);
    stack.stack.kill("trainer");
    stack.stack.startServices(KafkaBroker.bootstrapServers(), Duration.ofMinutes(3));
    await()
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> run().completedStages().contains("trainer"));
    List<RunEvent> log = run().log();
    assertThat(log)
        .anyMatch(
            e ->
                e.stage().equals("trainer")
                    && e.type() == RunEventType.LOG
                    && e.message().startsWith("resumed training from step"));
  }

  @Test
  @Order(5)
  void beforeAndAfterMetricsArePublishedAndTheModelReproducesThem() throws Exception {
    await()
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> run().status() == RunStatus.FINISHED);
    MetricsTable table = MetricsTable.of(run().metrics());
    for (Metric metric : Metric.values()) {
      for (int k : List.of(10, 20)) {
        assertThat(table.value(metric.at(k), 0)).as("base " + metric.at(k)).isNotNull();
        assertThat(table.value(metric.at(k), 1)).as("epoch 1 " + metric.at(k)).isNotNull();
      }
    }
    var printed = cli.run("metrics", runName);
    assertThat(printed.exitCode()).isZero();
    assertThat(printed.out()).contains("ndcg@10").contains("base").contains("epoch 1");

    Path model = work.resolve("model");
    assertThat(cli.run("model", runName, "--out", model.toString()).exitCode()).isZero();
    assertThat(ndcgAt10(model))
        .isCloseTo(table.value("ndcg@10", 1), org.assertj.core.data.Offset.offset(1e-4));

    var logs = cli.run("logs", runName, "--follow");
    assertThat(logs.exitCode()).isZero();
    assertThat(logs.out()).contains("status: FINISHED").contains("dataset complete");
  }

  @Test
  @Order(6)
  void everyMetricTheDashboardPlotsIsOneAServiceExposes() throws Exception {
    Set<String> exposed = new TreeSet<>();
    for (String service : List.of("miner", "scorer", "trainer", "evaluator")) {
      var scrape = stack.get(service, "/q/metrics");
      assertThat(scrape.statusCode()).as(service + " /q/metrics").isEqualTo(200);
      scrape
          .body()
          .lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> line.split("[{ ]", 2)[0])
          .forEach(exposed::add);
    }
    Set<String> plotted =
        Dashboard.metricNames(
            KafkaBroker.projectRoot().resolve("deploy/components/monitoring/dashboard.json"));
    assertThat(plotted)
        .contains("finesynth_run_metric", "kafka_consumer_fetch_manager_records_lag_max");
    assertThat(exposed).as("metrics the services expose").containsAll(plotted);
  }

  private static RunView run() {
    return RunDirectory.load(Cluster.connect(KafkaBroker.bootstrapServers(), stack.prefix()))
        .find(runName);
  }

  private static long step(RunView run) {
    RunEvent progress = run.progress().get("trainer");
    return progress == null ? 0 : progress.counts().getOrDefault("step", 0.0).longValue();
  }

  /** NDCG@10 of a model folder on the Cranfield test split, computed here from scratch. */
  private static double ndcgAt10(Path folder) throws Exception {
    var set = BeirLoader.load(Cranfield.folder(), "test");
    try (BiEncoder docs =
            BiEncoder.load(folder, EncoderOptions.builder().optMaxLength(256).build());
        BiEncoder queries =
            BiEncoder.load(folder, EncoderOptions.builder().optMaxLength(64).build())) {
      List<String> ids = new ArrayList<>(set.corpus().documents().keySet());
      List<float[]> vectors =
          docs.encodePassages(
              ids.stream().map(id -> set.corpus().documents().get(id).titleAndText()).toList());
      ExactRetriever retriever = new ExactRetriever(ids, vectors);
      List<String> qids = new ArrayList<>(set.queries().texts().keySet());
      List<float[]> qv =
          queries.encodeQueries(qids.stream().map(id -> set.queries().texts().get(id)).toList());
      Map<String, float[]> byId = new LinkedHashMap<>();
      for (int i = 0; i < qids.size(); i++) {
        byId.put(qids.get(i), qv.get(i));
      }
      var report =
          RetrievalEvaluator.builder()
              .optKs(10)
              .build()
              .evaluate(set.qrels().judgments(), retriever.search(byId, 10));
      return report.mean(Metric.NDCG, 10);
    }
  }

  /** The positive: the miner's top dense hit, or with positive=teacher the teacher's best. */
  private static void assertPositivesFollowThePreset() {
    if (OFFLINE.positiveOrDefault().equals(SynthesisModels.POSITIVE_TEACHER)) {
      // the teacher's best candidate: no negative scores higher than it
      assertThat(triplets).allSatisfy(t -> assertThat(t.margin()).isGreaterThanOrEqualTo(0));
      return;
    }
    List<CorpusDocument> corpus = Cranfield.corpus("check");
    Map<String, String> positives =
        triplets.stream()
            .collect(
                Collectors.toMap(
                    Triplet::queryId,
                    Triplet::positiveId,
                    (a, b) -> {
                      assertThat(a).isEqualTo(b);
                      return a;
                    }));
    Map<String, String> queryTexts =
        triplets.stream().collect(Collectors.toMap(Triplet::queryId, Triplet::query, (a, b) -> a));
    Encoders encoders = Encoders.fromEnvironment();
    try (BiEncoder docs =
            encoders.biEncoder(
                OFFLINE.miner(), EncoderOptions.builder().optMaxLength(256).build());
        BiEncoder questions =
            encoders.biEncoder(
                OFFLINE.miner(), EncoderOptions.builder().optMaxLength(64).build())) {
      List<float[]> docVectors =
          docs.encodePassages(corpus.stream().map(CorpusDocument::passage).toList());
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < corpus.size(); i++) {
        position.put(corpus.get(i).docId(), i);
      }
      List<String> qids = new ArrayList<>(queryTexts.keySet());
      List<float[]> queryVectors =
          questions.encodeQueries(qids.stream().map(queryTexts::get).toList());
      for (int q = 0; q < qids.size(); q++) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] doc : docVectors) {
          best = Math.max(best, dot(queryVectors.get(q), doc));
        }
        float positive =
            dot(queryVectors.get(q), docVectors.get(position.get(positives.get(qids.get(q)))));
        // equal up to float noise from different batch padding
        assertThat(positive).as("query " + qids.get(q)).isGreaterThanOrEqualTo(best - 1e-4f);
      }
    }
  }

  /**
   * margin = teacher(q, pos) - teacher(q, neg): the offline teacher recomputed here, through the
   * teacher module, for a sample of queries. A query's triplets hold all its candidates (the
   * positive and every negative), which is what zscore and rrf fuse over; the BM25 scores come from
   * an index of the same corpus with the miner's analysis and parameters.
   */
  private static void assertMarginsAreTheTeacherDifference() throws Exception {
    Map<String, List<Triplet>> byQuery =
        triplets.stream()
            .collect(
                Collectors.groupingBy(Triplet::queryId, LinkedHashMap::new, Collectors.toList()));
    List<String> sample =
        byQuery.keySet().stream()
            .filter(q -> Math.floorMod(q.hashCode(), 7) == 0)
            .limit(8)
            .toList();
    assertThat(sample).isNotEmpty();
    Encoders encoders = Encoders.fromEnvironment();
    List<AutoCloseable> opened = new ArrayList<>();
    EncoderSource source =
        new EncoderSource() {
          @Override
          public BiEncoder biEncoder(String reference, int maxLength) {
            BiEncoder encoder =
                encoders.biEncoder(
                    reference,
                    EncoderOptions.builder()
                        .optMaxLength(maxLength)
                        .optBackend(Backend.ONNX_RUNTIME)
                        .build());
            opened.add(encoder);
            return encoder;
          }

          @Override
          public CrossEncoder crossEncoder(String reference, int maxLength) {
            throw new UnsupportedOperationException(reference);
          }
        };
    try (Bm25Index bm25 = Bm25Index.inMemory(Bm25Params.DEFAULT)) {
      Cranfield.corpus("check").forEach(d -> bm25.upsert(d.docId(), d.passage()));
      Teacher teacher = Teachers.fromSpec(OFFLINE, 256, source);
      for (String queryId : sample) {
        List<Triplet> rows = byQuery.get(queryId);
        Triplet first = rows.get(0);
        List<String> ids = new ArrayList<>(List.of(first.positiveId()));
        List<String> texts = new ArrayList<>(List.of(first.positive()));
        rows.forEach(t -> ids.add(t.negativeId()));
        rows.forEach(t -> texts.add(t.negative()));
        double[] lexical = bm25.score(first.query(), ids);
        List<RelatedDocument> docs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          docs.add(new RelatedDocument(ids.get(i), texts.get(i), i + 1, 0, lexical[i]));
        }
        Relation relation = Relation.of("check", queryId, first.query(), docs);
        double[] labels = teacher.score(List.of(relation)).get(0);
        for (int i = 0; i < rows.size(); i++) {
          Triplet t = rows.get(i);
          assertThat(t.positiveScore())
              .isCloseTo(labels[0], org.assertj.core.data.Offset.offset(2e-4));
          assertThat(t.margin())
              .as("query %s negative %s", queryId, t.negativeId())
              .isCloseTo(labels[0] - labels[i + 1], org.assertj.core.data.Offset.offset(3e-4));
        }
      }
    } finally {
      for (AutoCloseable encoder : opened) {
        encoder.close();
      }
    }
  }

  private static double cos(BiEncoder encoder, String query, String passage) {
    return dot(
        encoder.encodeQueries(List.of(query)).get(0),
        encoder.encodePassages(List.of(passage)).get(0));
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
