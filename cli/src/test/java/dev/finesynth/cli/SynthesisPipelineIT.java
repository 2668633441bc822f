package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.RunPublisher;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.testing.KafkaBroker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's acceptance test: 100 Cranfield train queries against its whole corpus, offline preset,
 * num_relations 10, through the real miner, scorer and dataset sink on a real broker.
 */
class SynthesisPipelineIT {
  private static final int QUERIES = 100;
  private static final int NUM_RELATIONS = 10;
  private static final EventCodec CODEC = new EventCodec();
  private static StackFixture stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = StackFixture.start();
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void synthesizesAMarginMseDatasetFromCranfield() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String corpusId = "cranfield-" + suffix;
    List<CorpusDocument> corpus = Cranfield.corpus(corpusId);
    Map<String, String> texts = Cranfield.queries();
    List<QueryEvent> queries =
        Cranfield.queryIds("train").stream()
            .limit(QUERIES)
            .map(id -> QueryEvent.of("run-" + suffix, id, texts.get(id)))
            .toList();
    RunSpec spec =
        new RunSpec(
            Event.SCHEMA_VERSION,
            "run-" + suffix,
            "cranfield-" + suffix,
            corpusId,
            Presets.models("offline"),
            NUM_RELATIONS,
            64,
            256,
            32,
            corpus.size(),
            QUERIES,
            null,
            null,
            Instant.now());

    try (RunPublisher publisher =
        new RunPublisher(KafkaBroker.bootstrapServers(), stack.prefix())) {
      publisher.queries(queries); // before the corpus is complete: the miner must wait, not drop
      publisher.run(spec);
      publisher.corpus(corpus);
      publisher.flush();
    }

    HttpResponse<String> dataset = awaitCompleteDataset(spec.runId());
    List<Triplet> triplets =
        dataset.body().lines().map(l -> CODEC.decode(Triplet.class, l)).toList();
    assertThat(triplets).hasSize(QUERIES * (NUM_RELATIONS - 1));
    assertThat(triplets.stream().map(Triplet::key).distinct())
        .hasSize(QUERIES * (NUM_RELATIONS - 1));
    assertThat(dataset.headers().firstValue("X-Row-Count")).contains(Integer.toString(QUERIES * 9));
    String checksum = dataset.headers().firstValue("X-Checksum").orElseThrow();

    assertPositivesAreTheMinerTopOne(corpus, queries, triplets);
    assertMarginsAreTheTeacherDifference(triplets);

    replayTriplets(triplets);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                ConsumerLag.of(
                        stack.prefix() + "trainer-triplets",
                        Topics.TRIPLETS.qualifiedName(stack.prefix()))
                    == 0);
    HttpResponse<String> after = stack.get("trainer", "/datasets/" + spec.runId());
    assertThat(after.headers().firstValue("X-Checksum")).contains(checksum);
    assertThat(after.body().lines().count()).isEqualTo(QUERIES * 9L);
  }

  private static HttpResponse<String> awaitCompleteDataset(String runId) {
    List<HttpResponse<String>> last = new ArrayList<>(List.of());
    await()
        .atMost(Duration.ofMinutes(25))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              HttpResponse<String> response = stack.get("trainer", "/datasets/" + runId);
              last.clear();
              last.add(response);
              return response.statusCode() == 200
                  && response.headers().firstValue("X-Complete").orElse("").equals("true");
            });
    return last.get(0);
  }

  /** Rank 1 under the miner model, by a brute-force scan of the whole corpus in this JVM. */
  private static void assertPositivesAreTheMinerTopOne(
      List<CorpusDocument> corpus, List<QueryEvent> queries, List<Triplet> triplets) {
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
    assertThat(positives).hasSize(QUERIES);
    Encoders encoders = Encoders.fromEnvironment();
    try (BiEncoder docs =
            encoders.biEncoder(
                "all-minilm-l6-v2", EncoderOptions.builder().optMaxLength(256).build());
        BiEncoder questions =
            encoders.biEncoder(
                "all-minilm-l6-v2", EncoderOptions.builder().optMaxLength(64).build())) {
      List<float[]> docVectors =
          docs.encodePassages(corpus.stream().map(CorpusDocument::passage).toList());
      List<float[]> queryVectors =
          questions.encodeQueries(queries.stream().map(QueryEvent::text).toList());
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < corpus.size(); i++) {
        position.put(corpus.get(i).docId(), i);
      }
      for (int q = 0; q < queries.size(); q++) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] doc : docVectors) {
          best = Math.max(best, dot(queryVectors.get(q), doc));
        }
        float positive =
            dot(
                queryVectors.get(q),
                docVectors.get(position.get(positives.get(queries.get(q).queryId()))));
        // equal up to float noise from different batch padding
        assertThat(positive)
            .as("query " + queries.get(q).queryId())
            .isGreaterThanOrEqualTo(best - 1e-4f);
      }
    }
  }

  /** margin = mean(bge, e5)(q, pos) - mean(bge, e5)(q, neg), recomputed here for a sample. */
  private static void assertMarginsAreTheTeacherDifference(List<Triplet> triplets) {
    List<Triplet> sample =
        triplets.stream().filter(t -> t.negativeId().hashCode() % 7 == 0).limit(40).toList();
    Encoders encoders = Encoders.fromEnvironment();
    EncoderOptions docs = EncoderOptions.builder().optMaxLength(256).build();
    try (BiEncoder bge = encoders.biEncoder("bge-small-en-v1.5", docs);
        BiEncoder e5 = encoders.biEncoder("e5-small-v2", docs)) {
      for (Triplet t : sample) {
        double pos = (cos(bge, t.query(), t.positive()) + cos(e5, t.query(), t.positive())) / 2;
        double neg = (cos(bge, t.query(), t.negative()) + cos(e5, t.query(), t.negative())) / 2;
        assertThat(t.positiveScore()).isCloseTo(pos, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(t.margin()).isCloseTo(pos - neg, org.assertj.core.data.Offset.offset(2e-4));
      }
    }
  }

  private static void replayTriplets(List<Triplet> triplets) {
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
