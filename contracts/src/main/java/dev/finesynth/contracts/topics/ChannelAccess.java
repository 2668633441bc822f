package dev.finesynth.contracts.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's channels need from Kafka, read from its channel settings: the rule that both the
 * deploy generator (KafkaUser ACLs) and a starting service (its access check) apply.
 *
 * @param reads topics of incoming channels
 * @param writes topics of outgoing channels and dead-letter queues
 * @param groups each consumer group with the topic it reads
 */
public record ChannelAccess(Set<String> reads, Set<String> writes, Map<String, String> groups) {
  private static final Pattern CHANNEL_KEY =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

  /**
   * The access of {@code service}'s channels; {@code settings} maps channel keys ({@code
   * mp.messaging.incoming.runs.topic}) to their resolved values, other keys are ignored, and {@code
   * prefix} is the topic prefix those values carry.
   */
  public static ChannelAccess of(String service, String prefix, Map<String, String> settings) {
    Set<String> reads = new TreeSet<>();
    Set<String> writes = new TreeSet<>();
    Map<String, String> groupChannels = new HashMap<>();
    Map<String, String> incomingTopics = new HashMap<>();
    settings.forEach(
        (key, value) -> {
          Matcher channel = CHANNEL_KEY.matcher(key);
          if (!channel.matches()) {
            return;
          }
          boolean incoming = channel.group(1).equals("incoming");
          switch (channel.group(3)) {
            case "topic" -> {
              (incoming ? reads : writes).add(value);
              if (incoming) {
                incomingTopics.put(channel.group(2), value);
              }
            }
            case "dead-letter-queue.topic" -> writes.add(value);
            case "group.id" -> groupChannels.put(value, channel.group(2));
            default -> {}
          }
        });
    Map<String, String> groups = new TreeMap<>();
    groupChannels.forEach((group, channel) -> groups.put(group, incomingTopics.get(channel)));
    // batch channels dead-letter each bad record on its own (DeadLetters), to the topic of its
    // source
    Topics.DEAD_LETTERS.stream()
        .map(topic -> topic.name())
        .filter(name -> name.startsWith(service + "-"))
        .forEach(name -> writes.add(prefix + name));
    return new ChannelAccess(reads, writes, groups);
  }
}
