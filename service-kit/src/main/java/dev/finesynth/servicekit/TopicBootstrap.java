package dev.finesynth.servicekit;

import dev.finesynth.contracts.topics.TopicProvisioner;
import dev.finesynth.contracts.topics.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the registry's missing topics, with its settings, before the service gets to work. */
@Singleton
public class TopicBootstrap {
  private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

  void onStart(
      @Observes StartupEvent event,
      FinesynthConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    if (!config.topics().create()) {
      return;
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      var created =
          new TopicProvisioner(admin, config.topicPrefix(), config.topics().replicationFactor())
              .createMissing(Topics.all());
      if (!created.isEmpty()) {
        LOG.infof("created topics %s", created);
      }
    }
  }
}
