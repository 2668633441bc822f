package dev.finesynth.contracts.topics;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the registry's topics that do not exist yet, with the registry's partitions and configs.
 * Existing topics are left as they are: an operator may have tuned them.
 */
public final class TopicProvisioner {
  private final Admin admin;
  private final String prefix;
  private final short replicationFactor;

  public TopicProvisioner(Admin admin, String prefix, short replicationFactor) {
    this.admin = admin;
    this.prefix = prefix;
    this.replicationFactor = replicationFactor;
  }

  /** Creates the missing topics among {@code topics}; returns the qualified names it created. */
  public List<String> createMissing(Collection<Topic<?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t.qualifiedName(prefix)))
              .map(this::newTopic)
              .toList();
      if (missing.isEmpty()) {
        return List.of();
      }
      CreateTopicsResult result = admin.createTopics(missing);
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // another service instance created it first: that is fine
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics on the Kafka cluster", e);
    }
  }

  private NewTopic newTopic(Topic<?> topic) {
    return new NewTopic(topic.qualifiedName(prefix), topic.partitions(), replicationFactor)
        .configs(topic.configs());
  }
}
