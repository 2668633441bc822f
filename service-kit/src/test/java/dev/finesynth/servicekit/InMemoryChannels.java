package dev.finesynth.servicekit;

import dev.finesynth.servicekit.kafka.KafkaAccessCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings that start a service without a broker, for a Quarkus test of its REST endpoints: every
 * channel it configures on SmallRye's in-memory connector, and no Kafka access check at start.
 */
public final class InMemoryChannels {
  private static final Pattern CHANNEL =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\..+");
  private static final String[] SOURCES = {
    "application.properties", "META-INF/microprofile-config.properties"
  };

  private InMemoryChannels() {}

  public static Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.arc.exclude-types", KafkaAccessCheck.class.getName());
    // read by the beans that would reach the cluster themselves; none connects in these tests
    config.put("kafka.bootstrap.servers", "localhost:9");
    ClassLoader loader = InMemoryChannels.class.getClassLoader();
    for (String source : SOURCES) {
      try {
        for (URL url : Collections.list(loader.getResources(source))) {
          Properties properties = new Properties();
          try (InputStream in = url.openStream()) {
            properties.load(in);
          }
          for (String name : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL.matcher(name);
            if (channel.matches()) {
              config.put(
                  "mp.messaging." + channel.group(1) + "." + channel.group(2) + ".connector",
                  "smallrye-in-memory");
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return config;
  }
}
