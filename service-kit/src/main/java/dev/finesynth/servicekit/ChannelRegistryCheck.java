package dev.finesynth.servicekit;

import dev.finesynth.contracts.topics.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service whose channels point at topics the registry does not know, so a typo
 * in a topic name fails at start instead of silently reading nothing.
 */
@Singleton
public class ChannelRegistryCheck {
  private static final Pattern TOPIC_KEY =
      Pattern.compile(
          "mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)");

  void onStart(@Observes StartupEvent event, Config config, FinesynthConfig finesynth) {
    List<String> unknown = new ArrayList<>();
    for (String name : config.getPropertyNames()) {
      if (!TOPIC_KEY.matcher(name).matches()) {
        continue;
      }
      String topic = config.getValue(name, String.class);
      String unprefixed =
          topic.startsWith(finesynth.topicPrefix())
              ? topic.substring(finesynth.topicPrefix().length())
              : topic;
      if (Topics.byName(unprefixed).isEmpty()) {
        unknown.add(name + "=" + topic);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("channels name topics missing from the registry: " + unknown);
    }
  }
}
