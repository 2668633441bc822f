package dev.finesynth.client;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.topics.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams a run into Kafka the way any producer would: the corpus, then the run spec, then the
 * queries, each event under the key the registry documents.
 */
public final class RunPublisher implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final EventCodec codec = new EventCodec();
  private final String prefix;

  public RunPublisher(KafkaConnection connection, String prefix) {
    this.prefix = prefix;
    this.producer =
        new KafkaProducer<>(
            connection.config(
                Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.LINGER_MS_CONFIG,
                    20,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    15_000)),
            new StringSerializer(),
            new StringSerializer());
  }

  public void corpus(List<CorpusDocument> documents) {
    for (CorpusDocument doc : documents) {
      producer.send(
          new ProducerRecord<>(Topics.CORPUS.qualifiedName(prefix), doc.key(), codec.encode(doc)));
    }
  }

  public void run(RunSpec spec) {
    producer.send(
        new ProducerRecord<>(Topics.RUNS.qualifiedName(prefix), spec.key(), codec.encode(spec)));
  }

  public void event(dev.finesynth.contracts.events.RunEvent event) {
    producer.send(
        new ProducerRecord<>(
            Topics.RUN_EVENTS.qualifiedName(prefix), event.key(), codec.encode(event)));
  }

  public void queries(List<QueryEvent> queries) {
    for (QueryEvent query : queries) {
      producer.send(
          new ProducerRecord<>(
              Topics.QUERIES.qualifiedName(prefix), query.key(), codec.encode(query)));
    }
  }

  /** Waits until every record sent so far is acknowledged by the cluster. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(30));
  }
}
