package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.client.TextRecord;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.testing.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs as a plain Kafka producer starts them, with the real {@code kcat}: the README's example as
 * it stands finishes; every other run ends too, FINISHED or FAILED with the reason: a spec the
 * services reject, bad records of a run (and the same skipped), queries with fewer candidates than
 * asked, a run whose queries never come. Also what a producer without the Java partitioner does.
 */
class PlainProducerIT {
  private static final Duration WAIT_DEADLINE = Duration.ofSeconds(45);
  private static final String SHOP =
      "'%1$s/p1|{\"schemaVersion\":1,\"corpusId\":\"%1$s\",\"docId\":\"p1\",\"text\":\"usb c charger 65 w\"}'"
          + " '%1$s/p2|{\"schemaVersion\":1,\"corpusId\":\"%1$s\",\"docId\":\"p2\",\"text\":\"braided usb cable\"}'"
          + " '%1$s/p3|{\"schemaVersion\":1,\"corpusId\":\"%1$s\",\"docId\":\"p3\",\"text\":\"wireless earbuds\"}'";

  private static StackFixture stack;
  private static FinesynthClient client;

  @BeforeAll
  static void startStack() throws Exception {
    stack = StackFixture.start(Map.of("FINESYNTH_WAIT_DEADLINE", WAIT_DEADLINE.toString()));
    client = FinesynthClient.connect(KafkaBroker.bootstrapServers(), stack.prefix());
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theReadmeKcatExampleFinishes() throws Exception {
    String readme =
        Files.readString(KafkaBroker.projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
    String block = readme.substring(readme.indexOf("<!-- kcat-example -->"));
    block = block.substring(block.indexOf("```bash") + 7, block.indexOf("```\n<!-- /kcat-example"));

    String out = bash(block);

    assertThat(out).contains("\"runId\":\"run-1\"", "\"type\":\"FINISHED\"");
    RunView run = client.run("my-run");
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
    // the spec named only its preset: the services took every setting from it, labels x3
    assertThat(run.spec().models()).isEqualTo(Presets.models("offline-fast"));
    assertThat(client.dataset("my-run")).hasSize(2 * (3 - 1));
    assertThat(run.log()).extracting(e -> e.type()).contains(RunEventType.CREATED);
  }

  @Test
  void aRejectedSpecIsAFindableFailedRun() throws Exception {
    kcat("runs", spec("rejected", "c-rejected", 5, 3, 1, false)); // 5 relations of 3 documents

    RunView run = awaitEnd("rejected");

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.failureReason())
        .contains("rejected the run spec", "numRelations", "more than the corpus's 3 documents");
  }

  @Test
  void badRecordsFailTheirRunNamingThem() throws Exception {
    RunView run = runWithABadQuery("bad", false, " "); // and q3's text is empty

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.failureReason()).contains("bad record", "on queries (first: bad/q");
    // one reason per batch the miner read them in: together they name both records
    assertThat(
            String.join(
                "\n",
                run.log().stream()
                    .filter(e -> e.type() == RunEventType.FAILED)
                    .map(e -> e.message())
                    .toList()))
        .contains("bad/q2: $: is not valid JSON", "bad/q3: text: is empty");
  }

  @Test
  void skippedBadRecordsLetTheRunFinishWithoutThem() throws Exception {
    RunView run = runWithABadQuery("skip", true, "earbuds");

    assertThat(run.status()).as(run.failureReason()).isEqualTo(RunStatus.FINISHED);
    assertThat(client.dataset("skip"))
        .extracting(Triplet::queryId)
        .containsOnly("q1", "q3")
        .hasSize(4);
    assertThat(run.log())
        .anySatisfy(e -> assertThat(e.message()).startsWith("skipped 1 bad record on queries"));
  }

  @Test
  void queriesWithFewerCandidatesYieldFewerTripletsAndTheRunFinishes() {
    // a pseudo-query never takes the document it was made from: 3 documents give 2 candidates
    List<TextRecord> documents =
        List.of(
            new TextRecord("d1", "", "usb c charger with two ports"),
            new TextRecord("d2", "", "braided usb cable two metres"),
            new TextRecord("d3", "", "wireless earbuds with noise cancelling"));
    String name =
        client.startRun(
            RunRequest.builder()
                .setQueries(List.of(new TextRecord("q1", "", "usb charger")))
                .setDocuments(documents)
                .optModels(Presets.models("offline-fast"))
                .optNumRelations(3)
                .optPseudoQueries(2, 7)
                .optName("thin")
                .build());

    RunView run = awaitEnd(name);

    assertThat(run.status()).as(run.failureReason()).isEqualTo(RunStatus.FINISHED);
    assertThat(client.dataset(name)).hasSize(2 + 1 + 1); // q1 has 3 candidates, each pseudo 2
    assertThat(run.log())
        .anySatisfy(e -> assertThat(e.message()).contains("4 triplets (2 fewer than asked"))
        .anySatisfy(e -> assertThat(e.message()).startsWith("warning: queries with fewer"));
  }

  @Test
  void aRunWhoseQueriesNeverComeFailsAfterTheWaitDeadline() throws Exception {
    corpus("c-lost");
    kcat("runs", spec("lost", "c-lost", 2, 3, 3, false)); // 3 queries expected, 1 sent
    kcat("queries", query("lost", "q1", "usb charger"));

    RunView run = awaitEnd("lost");

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.failureReason())
        .contains("has not grown for " + WAIT_DEADLINE, "holds 1 of 3 triplets");
  }

  @Test
  void withoutTheJavaPartitionerAKeyLandsOnAnotherPartition() throws Exception {
    String plain = stack.prefix() + "partitions-default";
    String murmur = stack.prefix() + "partitions-murmur2";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic(plain, 6, (short) 1), new NewTopic(murmur, 6, (short) 1)))
          .all()
          .get();
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("'shop/d" + i + "|{}'");
    }
    kcatTo(plain, "", lines);
    kcatTo(murmur, "-X partitioner=murmur2_random", lines);

    Map<String, Integer> byDefault = partitions(plain);
    Map<String, Integer> byMurmur = partitions(murmur);
    // the Java client's rule for a keyed record: murmur2 of the key's bytes
    Map<String, Integer> byJava = new java.util.HashMap<>();
    byMurmur
        .keySet()
        .forEach(
            k ->
                byJava.put(
                    k, Utils.toPositive(Utils.murmur2(k.getBytes(StandardCharsets.UTF_8))) % 6));
    assertThat(byMurmur).hasSize(12).isEqualTo(byJava);
    // without it some keys land elsewhere: a document's update sent by the other client would
    // sit on another partition of the compacted corpus topic beside the version it should replace
    assertThat(byDefault).hasSize(12).isNotEqualTo(byJava);
  }

  private static Map<String, Integer> partitions(String topic) throws Exception {
    Map<String, Integer> found = new java.util.TreeMap<>();
    for (String line :
        bash("kcat -C -b \"$B\" -t " + topic + " -e -q -f '%k %p\\n'").strip().split("\n")) {
      String[] parts = line.split(" ");
      found.put(parts[0], Integer.parseInt(parts[1]));
    }
    return found;
  }

  private static void kcatTo(String topic, String options, List<String> quotedLines)
      throws Exception {
    bash(
        "printf '%s\\n' "
            + String.join(" ", quotedLines)
            + " | kcat -P -b \"$B\" -t "
            + topic
            + " -K'|' "
            + options);
  }

  /** A run of three queries over three documents, the second of them not JSON at all; its end. */
  private static RunView runWithABadQuery(String runId, boolean skip, String thirdText)
      throws Exception {
    corpus("c-" + runId);
    kcat("runs", spec(runId, "c-" + runId, 3, 3, 3, skip));
    kcat(
        "queries",
        query(runId, "q1", "usb charger"),
        "'" + runId + "/q2|{not json'",
        query(runId, "q3", thirdText));
    return awaitEnd(runId);
  }

  private static RunView awaitEnd(String name) {
    return await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions() // not found until the spec (or its rejection) is on the topics
        .until(() -> client.run(name), run -> run.status().terminal());
  }

  private static void corpus(String corpusId) throws Exception {
    kcat("corpus", String.format(SHOP, corpusId));
  }

  private static String spec(
      String runId,
      String corpusId,
      int numRelations,
      int documents,
      int queries,
      boolean skipBadRecords) {
    return "'"
        + runId
        + "|{\"schemaVersion\":1,\"runId\":\""
        + runId
        + "\",\"name\":\""
        + runId
        + "\",\"corpusId\":\""
        + corpusId
        + "\",\"models\":{\"preset\":\"offline-fast\"},\"numRelations\":"
        + numRelations
        + ",\"maxQueryLength\":64,\"maxDocumentLength\":256,\"batchSize\":32,\"expectedDocuments\":"
        + documents
        + ",\"expectedQueries\":"
        + queries
        + ",\"createdAt\":\"2026-11-26T10:00:00Z\""
        + (skipBadRecords ? ",\"skipBadRecords\":true" : "")
        + "}'";
  }

  private static String query(String runId, String queryId, String text) {
    return "'"
        + runId
        + "/"
        + queryId
        + "|{\"schemaVersion\":1,\"runId\":\""
        + runId
        + "\",\"queryId\":\""
        + queryId
        + "\",\"text\":\""
        + text
        + "\"}'";
  }

  /** Sends shell-quoted {@code key|value} lines to a topic of this stack with kcat. */
  private static void kcat(String topic, String... quotedLines) throws Exception {
    kcatTo(stack.prefix() + topic, "-X partitioner=murmur2_random", List.of(quotedLines));
  }

  /** Runs a bash script with this stack's broker and prefix as B and P; returns its output. */
  private static String bash(String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
    builder.environment().put("B", KafkaBroker.bootstrapServers());
    builder.environment().put("P", stack.prefix());
    Process process = builder.redirectErrorStream(true).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the script did not end in 5 minutes:\n" + script);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
