package dev.finesynth.miner.messaging;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.Keys;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.miner.index.CorpusIndexes;
import dev.finesynth.servicekit.BatchDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each corpus and its vector indexes in step with the {@code corpus} topic. Every instance
 * reads the whole topic (a consumer group of its own), since any of them may mine a query of any
 * run against any corpus; its on-disk copy only spares re-embedding after a restart.
 */
@ApplicationScoped
public class CorpusIngestor {
  @Inject BatchDecoder decoder;
  @Inject CorpusIndexes indexes;
  @Inject MeterRegistry registry;
  @Inject jakarta.enterprise.event.Event<CorpusIndexes.CorpusChanged> changed;

  @Incoming("corpus")
  @Blocking("indexing") // not the query pool: queries block there until the corpus is complete
  public CompletionStage<Void> ingest(KafkaRecordBatch<String, String> batch) {
    Map<String, List<CorpusStore.Change>> byCorpus = new LinkedHashMap<>();
    for (var record : decoder.decode(batch, Topics.CORPUS)) {
      CorpusDocument doc = record.value();
      String corpusId = doc != null ? doc.corpusId() : Keys.owner(record.key());
      String docId = doc != null ? doc.docId() : record.key().substring(corpusId.length() + 1);
      byCorpus
          .computeIfAbsent(corpusId, k -> new ArrayList<>())
          .add(new CorpusStore.Change(docId, doc));
    }
    byCorpus.forEach(indexes::apply);
    byCorpus.keySet().forEach(id -> changed.fire(new CorpusIndexes.CorpusChanged(id)));
    registry.counter("finesynth.items", "stage", "corpus").increment(batch.getRecords().size());
    return batch.ack();
  }
}
