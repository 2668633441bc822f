package dev.finesynth.deploy;

import dev.finesynth.contracts.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics and consumer groups one service reads and writes, read from the same settings the
 * service runs with: service-kit's shared defaults and the service's own {@code
 * application.properties}. Names are without the deployment's topic prefix.
 *
 * @param reads topics of incoming channels
 * @param writes topics of outgoing channels and dead-letter queues
 * @param groups consumer groups that the instances share (the autoscaling signal), each with the
 *     topic it reads
 * @param groupPrefixes groups of one instance each ({@code ...-${quarkus.uuid}}): the text before
 *     the instance's id
 */
public record ServiceChannels(
    String service,
    Set<String> reads,
    Set<String> writes,
    Map<String, String> groups,
    Set<String> groupPrefixes) {
  private static final Pattern CHANNEL_KEY =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
  private static final String INSTANCE_ID = "${quarkus.uuid}";
  private static final String PREFIX = "${finesynth.topic-prefix}";

  /** The channels of {@code service} (miner, scorer, trainer, evaluator) under {@code root}. */
  public static ServiceChannels of(Path root, String service) {
    Properties settings = new Properties();
    load(
        settings,
        root.resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties"));
    load(settings, root.resolve(service + "-service/src/main/resources/application.properties"));
    Set<String> reads = new TreeSet<>();
    Set<String> writes = new TreeSet<>();
    Map<String, String> groups = new TreeMap<>();
    Map<String, String> incomingTopics = new HashMap<>();
    Set<String> groupPrefixes = new TreeSet<>();
    for (String key : settings.stringPropertyNames()) {
      Matcher channel = CHANNEL_KEY.matcher(key);
      if (!channel.matches()) {
        continue;
      }
      String value = resolve(settings.getProperty(key), settings, service);
      boolean incoming = channel.group(1).equals("incoming");
      switch (channel.group(3)) {
        case "topic" -> {
          (incoming ? reads : writes).add(value);
          if (incoming) {
            incomingTopics.put(channel.group(2), value);
          }
        }
        case "dead-letter-queue.topic" -> writes.add(value);
        case "group.id" -> {
          int instance = value.indexOf(INSTANCE_ID);
          if (instance < 0) {
            groups.put(value, channel.group(2));
          } else {
            groupPrefixes.add(value.substring(0, instance));
          }
        }
        default -> {}
      }
    }
    groups.replaceAll((group, channelName) -> incomingTopics.get(channelName));
    // batch channels dead-letter each bad record on its own (DeadLetters), to the topic of its
    // source
    Topics.DEAD_LETTERS.stream()
        .map(topic -> topic.name())
        .filter(name -> name.startsWith(service + "-"))
        .forEach(writes::add);
    return new ServiceChannels(service, reads, writes, groups, groupPrefixes);
  }

  /** Every topic the service touches. */
  public Set<String> topics() {
    Set<String> all = new TreeSet<>(reads);
    all.addAll(writes);
    return all;
  }

  private static String resolve(String value, Properties settings, String service) {
    String unprefixed = value.replace(PREFIX, "");
    Matcher reference = REFERENCE.matcher(unprefixed);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(1);
      String replacement =
          switch (name) {
            case "finesynth.service" -> service;
            case "quarkus.uuid" -> INSTANCE_ID;
            default -> settings.getProperty(name, reference.group());
          };
      reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return reference.appendTail(out).toString();
  }

  private static void load(Properties settings, Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      settings.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the channel settings in " + file, e);
    }
  }
}
