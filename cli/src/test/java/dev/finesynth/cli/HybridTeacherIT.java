package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.encoders.TinyModels;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.hub.FakeHub;
import dev.finesynth.encoders.hub.HubCache;
import dev.finesynth.encoders.hub.HubDownloader;
import dev.finesynth.teacher.Bm25Scorer;
import dev.finesynth.teacher.CrossEncoderScorer;
import dev.finesynth.teacher.Fusion;
import dev.finesynth.teacher.Teacher;
import dev.finesynth.teacher.lexical.Bm25Index;
import dev.finesynth.teacher.lexical.Bm25Params;
import dev.finesynth.teacher.lexical.HybridCandidates;
import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid mining and a fused teacher end to end, on the real broker with the four services as
 * processes: a teacher of BM25 and a tiny random cross-encoder fused by z-score, half of each
 * query's candidates from BM25, the teacher's best candidate as the positive. The cross-encoder is
 * named by a hub id and served by a hub-shaped HTTP server, so the scorer downloads it into its hub
 * cache as it would from the Hugging Face Hub. The dataset is checked against everything recomputed
 * here: the candidates (dense top hits of the miner, then BM25 hits), the positive, and every
 * margin. With no bi-encoder in the teacher, the labels take the scale of the miner's cosine, which
 * travels in the relation; a custom teacher keeps labels unstretched (label scale 1).
 */
class HybridTeacherIT {
  private static final String HUB_REPO = "finesynth-test/tiny-cross-encoder";
  private static final int NUM_RELATIONS = 6;
  private static final int LEXICAL_SLOTS = 3; // lexical share 0.5
  private static final String MINER = "all-minilm-l6-v2";
  private static final EventCodec CODEC = new EventCodec();
  private static final Map<String, String> DOCS = new LinkedHashMap<>();
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    List<String> docs =
        List.of(
            "kafka stream data",
            "kafka model train",
            "search query rank",
            "search document vector",
            "vector search fast",
            "train model slow",
            "java code test",
            "read book page",
            "write text word",
            "paris capital france",
            "city house dog",
            "cat dog walk",
            "rank document fast",
            "stream data java",
            "query vector model",
            "book page word text",
            "code test run",
            "france city paris",
            "house cat read",
            "data model vector");
    for (int i = 0; i < docs.size(); i++) {
      DOCS.put("d" + (i + 1), docs.get(i));
    }
    List<String> queries =
        List.of(
            "what is a kafka stream",
            "how to rank a search document",
            "the capital of france",
            "java code and test",
            "read a book",
            "train a vector model");
    for (int i = 0; i < queries.size(); i++) {
      QUERIES.put("q" + (i + 1), queries.get(i));
    }
  }

  private static FakeHub hub;
  private static Map<String, byte[]> served;
  private static String commit;
  private static HubCache hubCache;
  private static StackFixture stack;
  private static CliRunner cli;

  @TempDir static Path work;

  @BeforeAll
  static void startStack() throws Exception {
    served = filesOf(TinyModels.crossEncoder(work.resolve("served-model"), Architecture.BERT, 7));
    hub = new FakeHub();
    commit = hub.commit(HUB_REPO, "main", served);
    Path hfHome = work.resolve("hf-home");
    hubCache = new HubCache(hfHome.resolve("hub"));
    stack =
        StackFixture.start(
            Map.of(
                "HF_ENDPOINT", hub.endpoint().toString(),
                "HF_HOME", hfHome.toString(),
                "HF_HUB_CACHE", hubCache.root().toString(),
                "HF_HUB_OFFLINE", "0",
                "HF_TOKEN", ""));
    cli = new CliRunner(KafkaBroker.bootstrapServers(), stack.prefix());
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void theDatasetIsMinedHybridAndLabelledByTheFusedTeacher() throws Exception {
    List<Triplet> triplets =
        synthesize(
            "hybrid",
            DOCS,
            QUERIES,
            "--teacher",
            "bm25,hf:" + HUB_REPO,
            "--fusion",
            "zscore",
            "--lexical-share",
            "0.5",
            "--positive",
            "teacher",
            "--num-relations",
            Integer.toString(NUM_RELATIONS));

    Path snapshot = assertDownloadedFromTheHub();

    assertThat(triplets).hasSize(QUERIES.size() * (NUM_RELATIONS - 1));
    Map<String, List<Triplet>> byQuery =
        triplets.stream().collect(Collectors.groupingBy(Triplet::queryId));
    assertThat(byQuery).containsOnlyKeys(QUERIES.keySet());

    List<String> ids = List.copyOf(DOCS.keySet());
    try (Bm25Index bm25 = Bm25Index.inMemory(Bm25Params.DEFAULT);
        BiEncoder passages = miner(256);
        BiEncoder questions = miner(64);
        CrossEncoder cross =
            CrossEncoder.load(snapshot, EncoderOptions.builder().optMaxLength(256).build())) {
      DOCS.forEach(bm25::upsert);
      List<float[]> docVectors = passages.encodePassages(List.copyOf(DOCS.values()));
      Teacher teacher =
          new Teacher(
              List.of(new Bm25Scorer(), new CrossEncoderScorer(cross)),
              new double[] {1, 1},
              Fusion.ZSCORE,
              "check");
      for (var entry : QUERIES.entrySet()) {
        List<Triplet> rows = byQuery.get(entry.getKey());
        Triplet first = rows.get(0);
        assertThat(rows).extracting(Triplet::positiveId).containsOnly(first.positiveId());
        List<String> candidates = new ArrayList<>(List.of(first.positiveId()));
        rows.forEach(t -> candidates.add(t.negativeId()));

        // the candidates: the miner's 3 best dense hits, then the 3 best BM25 hits not taken
        float[] query = questions.encodeQueries(List.of(entry.getValue())).get(0);
        float[] cosines = new float[ids.size()];
        for (int d = 0; d < ids.size(); d++) {
          cosines[d] = cosine(query, docVectors.get(d));
        }
        List<String> dense =
            ids.stream()
                .sorted((a, b) -> Float.compare(cosines[ids.indexOf(b)], cosines[ids.indexOf(a)]))
                .toList();
        List<String> lexical =
            bm25.search(entry.getValue(), NUM_RELATIONS).stream()
                .map(Bm25Index.Hit::docId)
                .toList();
        assertThat(Set.copyOf(candidates))
            .as("candidates of " + entry.getKey())
            .isEqualTo(
                Set.copyOf(HybridCandidates.merge(dense, lexical, NUM_RELATIONS, LEXICAL_SLOTS)));

        // the labels: z-score of BM25 and the cross-encoder on the (stretched) miner's cosine
        double[] lexicalScores = bm25.score(entry.getValue(), candidates);
        List<RelatedDocument> docs = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
          String id = candidates.get(i);
          docs.add(
              new RelatedDocument(
                  id, DOCS.get(id), i + 1, cosines[ids.indexOf(id)], lexicalScores[i]));
        }
        double[] labels =
            teacher
                .score(List.of(Relation.of("check", entry.getKey(), entry.getValue(), docs)))
                .get(0);
        for (int i = 1; i < labels.length; i++) {
          assertThat(labels[0])
              .as("the positive is the teacher's best")
              .isGreaterThanOrEqualTo(labels[i]);
          Triplet t = rows.get(i - 1);
          assertThat(t.positiveScore()).isCloseTo(labels[0], within(1e-4));
          assertThat(t.margin()).isCloseTo(labels[0] - labels[i], within(2e-4));
        }
      }
    }
  }

  /**
   * A wide candidate list: 199 triplets per query, so one scoring batch emits thousands of triplets
   * at once, more than an emitter buffers by default. The run completes with every triplet; none is
   * lost to the dead-letter topic.
   */
  @Test
  void aWideCandidateListIsLabelledWhole() throws Exception {
    int numRelations = 200;
    Map<String, String> docs = new LinkedHashMap<>();
    Map<String, String> queries = new LinkedHashMap<>();
    List<String> words =
        List.copyOf(new TreeSet<>(List.of(String.join(" ", DOCS.values()).split(" "))));
    for (int i = 0; i < 240; i++) {
      docs.put(
          "w" + i,
          words.get(i % words.size()) + " " + words.get((i * 7 + 3) % words.size()) + " " + i);
    }
    for (int i = 0; i < 60; i++) {
      queries.put(
          "wq" + i,
          words.get((i * 3) % words.size()) + " " + words.get((i * 5 + 1) % words.size()));
    }
    Map<String, List<Triplet>> byQuery =
        synthesize("wide", docs, queries, "--teacher", "bm25", "--num-relations", "" + numRelations)
            .stream()
            .collect(Collectors.groupingBy(Triplet::queryId));
    assertThat(byQuery).containsOnlyKeys(queries.keySet());
    byQuery.forEach(
        (query, rows) ->
            assertThat(rows.stream().map(Triplet::negativeId).distinct().count())
                .as("distinct negatives of " + query)
                .isEqualTo(numRelations - 1));
  }

  /**
   * Synthesizes a dataset from {@code docs} and {@code queries} with {@code options}, waits until
   * it is complete (failing on a failed run, with its reason), and returns its triplets.
   */
  private static List<Triplet> synthesize(
      String prefix, Map<String, String> docs, Map<String, String> queries, String... options)
      throws Exception {
    Path corpus = work.resolve(prefix + "-corpus.jsonl");
    Path queryFile = work.resolve(prefix + "-queries.jsonl");
    Files.write(corpus, jsonl(docs));
    Files.write(queryFile, jsonl(queries));
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    List<String> args =
        new ArrayList<>(
            List.of(
                "synthesize",
                "--queries",
                queryFile.toString(),
                "--corpus",
                corpus.toString(),
                "--name",
                name));
    args.addAll(List.of(options));
    var started = cli.run(args.toArray(String[]::new));
    assertThat(started.exitCode()).as(started.err()).isZero();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                run(name).status() == RunStatus.FAILED
                    || run(name).completedStages().contains("dataset"));
    assertThat(run(name).status()).as(run(name).failureReason()).isNotEqualTo(RunStatus.FAILED);
    Path file = work.resolve(prefix + "-dataset.jsonl");
    var dataset = cli.run("dataset", name, "--out", file.toString());
    assertThat(dataset.exitCode()).as(dataset.err()).isZero();
    return Files.readAllLines(file).stream().map(l -> CODEC.decode(Triplet.class, l)).toList();
  }

  /**
   * The scorer fetched the model's files over HTTP (the hub's API and resolve URLs, the weights
   * from the storage they redirect to) into the hub cache; returns the cached snapshot.
   */
  private static Path assertDownloadedFromTheHub() throws Exception {
    List<String> needed = HubDownloader.selectModelFiles(HUB_REPO, List.copyOf(served.keySet()));
    assertThat(needed).contains("config.json", "tokenizer.json", "model.safetensors");
    assertThat(hub.requests("hub"))
        .extracting(FakeHub.Request::method, FakeHub.Request::path)
        .contains(tuple("GET", "/api/models/" + HUB_REPO + "/revision/main"));
    for (String file : needed) {
      boolean large = FakeHub.isLfs(file);
      String path =
          large
              ? "/blobs/" + FakeHub.sha256(served.get(file))
              : "/" + HUB_REPO + "/resolve/" + commit + "/" + file;
      assertThat(hub.requests(large ? "storage" : "hub"))
          .as("requests for " + file)
          .extracting(FakeHub.Request::method, FakeHub.Request::path)
          .contains(tuple("GET", path));
    }
    Path snapshot = hubCache.snapshot(HUB_REPO, commit);
    assertThat(hubCache.commitOf(HUB_REPO, "main")).contains(commit);
    for (String file : needed) {
      assertThat(snapshot.resolve(file)).as("cached " + file).hasBinaryContent(served.get(file));
    }
    return snapshot;
  }

  private static Map<String, byte[]> filesOf(Path folder) throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static BiEncoder miner(int maxLength) {
    return Encoders.fromEnvironment()
        .biEncoder(
            MINER,
            EncoderOptions.builder()
                .optMaxLength(maxLength)
                .optBackend(Backend.ONNX_RUNTIME)
                .build());
  }

  private static RunView run(String name) {
    return RunDirectory.load(Cluster.connect(KafkaBroker.bootstrapServers(), stack.prefix()))
        .find(name);
  }

  private static List<String> jsonl(Map<String, String> texts) throws Exception {
    List<String> lines = new ArrayList<>();
    for (var e : texts.entrySet()) {
      lines.add(CODEC.mapper().writeValueAsString(Map.of("_id", e.getKey(), "text", e.getValue())));
    }
    return lines;
  }

  private static float cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return (float) (dot / Math.sqrt(na * nb));
  }
}
