package dev.finesynth.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.finesynth.contracts.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of the deploy manifests' Strimzi {@code KafkaUser}s as Kafka ACL bindings, so that a
 * secured local broker grants each user exactly what Strimzi grants it in Kubernetes.
 */
final class KafkaUserAcls {
  private KafkaUserAcls() {}

  /**
   * The bindings of every KafkaUser in {@code manifests}, their topic prefix replaced by {@code
   * prefix}.
   */
  static List<AclBinding> read(Path manifests, String prefix) {
    List<AclBinding> bindings = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (YAMLParser parser = new YAMLFactory().createParser(manifests.toFile())) {
      for (JsonNode user : yaml.readValues(parser, JsonNode.class).readAll()) {
        if (!"KafkaUser".equals(user.path("kind").asText())) {
          continue;
        }
        String principal = "User:" + user.path("metadata").path("name").asText();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
          ResourcePattern resource = resource(acl.path("resource"), prefix);
          for (JsonNode operation : acl.path("operations")) {
            bindings.add(
                new AclBinding(
                    resource,
                    new AccessControlEntry(
                        principal,
                        acl.path("host").asText("*"),
                        AclOperation.fromString(operation.asText()),
                        AclPermissionType.ALLOW)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the KafkaUsers in " + manifests, e);
    }
    return bindings;
  }

  private static ResourcePattern resource(JsonNode resource, String prefix) {
    String type = resource.path("type").asText();
    String name = resource.path("name").asText("kafka-cluster");
    if (name.startsWith(Topics.DEFAULT_PREFIX)) {
      name = prefix + name.substring(Topics.DEFAULT_PREFIX.length());
    }
    return new ResourcePattern(
        switch (type) {
          case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
          default -> ResourceType.fromString(type.toUpperCase(Locale.ROOT));
        },
        name,
        resource.path("patternType").asText("literal").equals("prefix")
            ? PatternType.PREFIXED
            : PatternType.LITERAL);
  }
}
