package dev.finesynth.servicekit.kafka;

import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.kafka.KafkaFailures;
import dev.finesynth.contracts.topics.ChannelAccess;
import dev.finesynth.contracts.topics.TopicProvisioner;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.servicekit.FinesynthConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Before the service gets to work: checks that Kafka accepts its credentials, creates the
 * registry's missing topics where it may, and checks that its user may read and write every topic
 * and join every group its channels name, so that a wrong password or a missing ACL stops the start
 * with the reason instead of a silent hang.
 */
@Singleton
public class KafkaAccessCheck {
  private static final Logger LOG = Logger.getLogger(KafkaAccessCheck.class);

  void onStart(
      @Observes StartupEvent event,
      FinesynthConfig config,
      Config settings,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    KafkaConnection connection =
        KafkaConnection.of(String.valueOf(kafka.get("bootstrap.servers")), kafka);
    try (Admin admin = Admin.create(connection.config(Map.of("default.api.timeout.ms", 30_000)))) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
      if (config.topics().create()) {
        var created =
            new TopicProvisioner(admin, config.topicPrefix(), config.topics().replicationFactor())
                .createMissing(Topics.all());
        if (!created.isEmpty()) {
          LOG.infof("created topics %s", created);
        }
      }
      List<String> missing = new ChannelPermissions(admin).missing(channelAccess(config, settings));
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "Kafka at "
                + connection.bootstrapServers()
                + " does not let "
                + connection.principal()
                + " "
                + String.join(", ", missing)
                + "; grant the ACLs of its KafkaUser (deploy/base/generated/kafka-users.yaml)");
      }
    } catch (ExecutionException e) {
      throw KafkaFailures.explain(connection, e.getCause());
    } catch (AuthenticationException e) {
      throw KafkaFailures.explain(connection, e);
    } catch (TimeoutException e) {
      // Kafka may come up after the service: the channels keep trying, the health checks tell
      LOG.warnf("Kafka did not answer at %s within 30 s; not checking access", connection);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ChannelAccess channelAccess(FinesynthConfig config, Config settings) {
    Map<String, String> channels = new HashMap<>();
    for (String key : settings.getPropertyNames()) {
      if (key.startsWith("mp.messaging.")) {
        settings.getOptionalValue(key, String.class).ifPresent(value -> channels.put(key, value));
      }
    }
    return ChannelAccess.of(config.service(), config.topicPrefix(), channels);
  }
}
