package dev.finesynth.servicekit;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

  @Inject FinesynthConfig config;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("dead-letters")
  Emitter<String> emitter;

  /** Sends {@code record} to {@code <service>-<sourceTopic>-dead-letters} with the reason. */
  public void send(KafkaRecord<String, String> record, String sourceTopic, Exception reason) {
    String target = config.topicPrefix() + config.service() + "-" + sourceTopic + "-dead-letters";
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
