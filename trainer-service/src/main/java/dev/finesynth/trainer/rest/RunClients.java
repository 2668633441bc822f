package dev.finesynth.trainer.rest;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.servicekit.FinesynthConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Connects the run endpoints to the cluster they answer from, a client per request, with the
 * service's own Kafka settings and user (whose KafkaUser carries the CLI's ACLs for this).
 */
@ApplicationScoped
public class RunClients {
  @Inject FinesynthConfig config;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  public FinesynthClient connect() {
    return FinesynthClient.connect(
        KafkaConnection.of(String.valueOf(kafka.get("bootstrap.servers")), kafka),
        config.topicPrefix());
  }
}
