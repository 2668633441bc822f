package dev.finesynth.servicekit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends one invalid record of a batch to its dead-letter topic, with the same headers SmallRye's
 * dead-letter strategy writes, so that the rest of the batch goes on. (A batch method that throws
 * would send every record of the batch there, good ones included.)
 */
@Singleton
public class DeadLetters {
  private static final Logger LOG = Logger.getLogger(DeadLetters.class);
  private static final String SUFFIX = "-dead-letters";

  @Inject FinesynthConfig config;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("dead-letters")
  Emitter<String> emitter;

  /**
   * Counts zero for every topic this service dead-letters, so that rates and alerts see the series
   * before the first bad record.
   */
  void registerCounters(@Observes StartupEvent start) {
    String prefix = config.topicPrefix() + config.service() + "-";
    for (String name : ConfigProvider.getConfig().getPropertyNames()) {
      if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
        String target = ConfigProvider.getConfig().getValue(name, String.class);
        if (target.startsWith(prefix) && target.endsWith(SUFFIX)) {
          String source = target.substring(prefix.length(), target.length() - SUFFIX.length());
          registry.counter("finesynth.dead.letters", "topic", source);
        }
      }
    }
  }

  /** Sends {@code record} to {@code <service>-<sourceTopic>-dead-letters} with the reason. */
  public void send(KafkaRecord<String, String> record, String sourceTopic, Exception reason) {
    String target = config.topicPrefix() + config.service() + "-" + sourceTopic + SUFFIX;
    RecordHeaders headers = new RecordHeaders(record.getHeaders().toArray());
    header(headers, "dead-letter-reason", reason.getMessage());
    header(headers, "dead-letter-cause", reason.getClass().getName());
    header(headers, "dead-letter-topic", record.getTopic());
    header(headers, "dead-letter-partition", Integer.toString(record.getPartition()));
    long offset =
        record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
    header(headers, "dead-letter-offset", Long.toString(offset));
    var metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(target)
            .withKey(record.getKey())
            .withHeaders(headers)
            .build();
    emitter.send(Message.of(record.getPayload()).addMetadata(metadata));
    registry.counter("finesynth.dead.letters", "topic", sourceTopic).increment();
    LOG.warnf(
        "dead-lettered %s@%d key=%s: %s",
        record.getTopic(), offset, record.getKey(), reason.getMessage());
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }
}
