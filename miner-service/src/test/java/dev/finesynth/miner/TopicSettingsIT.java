package dev.finesynth.miner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.testing.KafkaBroker;
import dev.finesynth.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The service created every registry topic with the registry's partitions and configs. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TopicSettingsIT {

  @Test
  void topicsExistWithTheRegistrySettings() throws Exception {
    List<String> names =
        Topics.all().stream().map(t -> t.qualifiedName(Topics.DEFAULT_PREFIX)).toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
      var descriptions = admin.describeTopics(names).allTopicNames().get();
      var resources =
          names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      for (Topic<?> topic : Topics.all()) {
        String name = topic.qualifiedName(Topics.DEFAULT_PREFIX);
        assertThat(descriptions.get(name).partitions()).as(name).hasSize(topic.partitions());
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertThat(config.get(key).value()).as(name + " " + key).isEqualTo(value));
      }
    }
  }
}
