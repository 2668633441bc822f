package dev.finesynth.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The deploy manifests' KafkaUsers as the ACLs a secured local broker grants. */
class KafkaUserAclsTest {
  private static final Path USERS =
      KafkaBroker.projectRoot().resolve("deploy/base/generated/kafka-users.yaml");

  @Test
  void eachUserGetsItsTopicsAndGroupsUnderTheStacksPrefix() {
    List<AclBinding> acls = KafkaUserAcls.read(USERS, "it-1.");

    assertThat(acls)
        .contains(
            allow(
                "finesynth-miner",
                ResourceType.TOPIC,
                "it-1.queries",
                PatternType.LITERAL,
                AclOperation.READ),
            allow(
                "finesynth-miner",
                ResourceType.TOPIC,
                "it-1.relations",
                PatternType.LITERAL,
                AclOperation.WRITE),
            allow(
                "finesynth-miner",
                ResourceType.GROUP,
                "it-1.miner-queries",
                PatternType.LITERAL,
                AclOperation.READ),
            // one group per instance: granted by prefix
            allow(
                "finesynth-miner",
                ResourceType.GROUP,
                "it-1.miner-runs-",
                PatternType.PREFIXED,
                AclOperation.READ),
            allow(
                "finesynth-client",
                ResourceType.TOPIC,
                "it-1.queries",
                PatternType.LITERAL,
                AclOperation.WRITE));
    assertThat(acls)
        .noneMatch(acl -> acl.pattern().name().startsWith("finesynth."))
        .noneMatch(
            acl ->
                acl.entry().principal().equals("User:finesynth-miner")
                    && acl.pattern().name().equals("it-1.triplets")
                    && acl.entry().operation() == AclOperation.WRITE);
  }

  private static AclBinding allow(
      String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }
}
