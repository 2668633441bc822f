package dev.finesynth.deploy;

import dev.finesynth.contracts.topics.ChannelAccess;
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
    Map<String, String> resolved = new HashMap<>();
    settings
        .stringPropertyNames()
        .forEach(key -> resolved.put(key, resolve(settings.getProperty(key), settings, service)));
    ChannelAccess access = ChannelAccess.of(service, "", resolved);
    Map<String, String> groups = new TreeMap<>();
    Set<String> groupPrefixes = new TreeSet<>();
    access
        .groups()
        .forEach(
            (group, topic) -> {
              int instance = group.indexOf(INSTANCE_ID);
              if (instance < 0) {
                groups.put(group, topic);
              } else {
                groupPrefixes.add(group.substring(0, instance));
              }
            });
    return new ServiceChannels(service, access.reads(), access.writes(), groups, groupPrefixes);
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
