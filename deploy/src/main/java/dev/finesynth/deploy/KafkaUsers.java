package dev.finesynth.deploy;

import static dev.finesynth.deploy.Maps.of;

import dev.finesynth.contracts.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Strimzi {@code KafkaUser} per service with ACLs for exactly the topics and groups its channels
 * name, one for the CLI and client, one for the operator and one for the autoscaler (lag only).
 */
final class KafkaUsers {
  static final String AUTOSCALER = "finesynth-autoscaler";
  static final String CLIENT = "finesynth-client";
  static final String OPERATOR = OperatorWorkload.NAME;

  /** Hosts the {@code /runs} REST API, which starts and follows runs as the CLI does. */
  static final String RUNS_API = "trainer";

  private static final List<String> READ = List.of("Read", "Describe");
  private static final List<String> WRITE = List.of("Write", "Describe");

  private KafkaUsers() {}

  static String name(String service) {
    return "finesynth-" + service;
  }

  static Map<String, Object> service(ServiceChannels channels) {
    List<Map<String, Object>> acls = new ArrayList<>();
    channels.reads().forEach(topic -> acls.add(acl("topic", topic, "literal", READ)));
    channels.writes().forEach(topic -> acls.add(acl("topic", topic, "literal", WRITE)));
    channels.groups().keySet().forEach(group -> acls.add(acl("group", group, "literal", READ)));
    channels.groupPrefixes().forEach(group -> acls.add(acl("group", group, "prefix", READ)));
    if (channels.service().equals(RUNS_API)) {
      clientAcls().stream().filter(acl -> !acls.contains(acl)).forEach(acls::add);
    }
    return user(name(channels.service()), acls);
  }

  /**
   * What {@code finesynth} (CLI, REST clients, the Java client) does: publish runs, corpora and
   * queries and cancellations, and follow a run's events, metrics and dataset by assigning
   * partitions (no group); models come from the trainer's REST API.
   */
  static Map<String, Object> client() {
    return user(CLIENT, clientAcls());
  }

  /**
   * The operator starts, follows and cancels runs as the client does, and besides reads the corpus
   * topic (a corpusId input is counted there before the run starts).
   */
  static Map<String, Object> operator() {
    List<Map<String, Object>> acls = clientAcls();
    acls.add(acl("topic", Topics.CORPUS.name(), "literal", READ));
    return user(OPERATOR, acls);
  }

  private static List<Map<String, Object>> clientAcls() {
    List<Map<String, Object>> acls = new ArrayList<>();
    // models: `finesynth model` and the operator's status find a run's model there
    Set.of(Topics.RUNS, Topics.RUN_EVENTS, Topics.METRICS, Topics.TRIPLETS, Topics.MODELS).stream()
        .map(topic -> topic.name())
        .sorted()
        .forEach(topic -> acls.add(acl("topic", topic, "literal", READ)));
    Set.of(Topics.RUNS, Topics.CORPUS, Topics.QUERIES, Topics.RUN_EVENTS).stream()
        .map(topic -> topic.name())
        .sorted()
        .forEach(topic -> acls.add(acl("topic", topic, "literal", WRITE)));
    return acls;
  }

  /** KEDA reads the shared groups' committed offsets and the topics' end offsets. */
  static Map<String, Object> autoscaler(List<ServiceChannels> services) {
    List<Map<String, Object>> acls = new ArrayList<>();
    services.stream()
        .flatMap(channels -> channels.groups().entrySet().stream())
        .forEach(
            group -> {
              acls.add(acl("group", group.getKey(), "literal", List.of("Describe")));
              acls.add(acl("topic", group.getValue(), "literal", List.of("Describe")));
            });
    return user(AUTOSCALER, acls.stream().distinct().toList());
  }

  private static Map<String, Object> user(String name, List<Map<String, Object>> acls) {
    return Maps.resource(
        Kafka.API,
        "KafkaUser",
        name,
        Kafka.labels(),
        of(
            "authentication", of("type", "scram-sha-512"),
            "authorization", of("type", "simple", "acls", acls)));
  }

  private static Map<String, Object> acl(
      String type, String name, String pattern, List<String> operations) {
    return of(
        "resource",
        of("type", type, "name", Topics.DEFAULT_PREFIX + name, "patternType", pattern),
        "operations",
        operations);
  }
}
