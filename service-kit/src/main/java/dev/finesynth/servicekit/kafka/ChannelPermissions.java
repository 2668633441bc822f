package dev.finesynth.servicekit.kafka;

import dev.finesynth.contracts.topics.ChannelAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What Kafka's authorizer lets this client do on the topics and groups of its channels, asked
 * through the operations Kafka reports as authorized (no test reads or writes).
 */
final class ChannelPermissions {
  private final Admin admin;

  ChannelPermissions(Admin admin) {
    this.admin = admin;
  }

  /** What the channels need and may not do, e.g. {@code "read topic finesynth.queries"}. */
  List<String> missing(ChannelAccess access) throws InterruptedException {
    List<String> missing = new ArrayList<>();
    Set<String> topics = new TreeSet<>(access.reads());
    topics.addAll(access.writes());
    var described =
        admin
            .describeTopics(topics, new DescribeTopicsOptions().includeAuthorizedOperations(true))
            .topicNameValues();
    for (String topic : topics) {
      try {
        Set<AclOperation> allowed = described.get(topic).get().authorizedOperations();
        if (access.reads().contains(topic) && lacks(allowed, AclOperation.READ)) {
          missing.add("read topic " + topic);
        }
        if (access.writes().contains(topic) && lacks(allowed, AclOperation.WRITE)) {
          missing.add("write topic " + topic);
        }
      } catch (ExecutionException e) {
        String need =
            access.reads().contains(topic)
                ? access.writes().contains(topic) ? "read and write" : "read"
                : "write";
        missing.add(failure(e, need, "topic " + topic));
      }
    }
    var groups =
        admin
            .describeConsumerGroups(
                access.groups().keySet(),
                new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
            .describedGroups();
    for (String group : access.groups().keySet()) {
      try {
        if (lacks(groups.get(group).get().authorizedOperations(), AclOperation.READ)) {
          missing.add("join group " + group);
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          missing.add(failure(e, "join", "group " + group));
        }
      }
    }
    return missing;
  }

  /** Without an authorizer Kafka reports no operations: then everything is allowed. */
  private static boolean lacks(Set<AclOperation> allowed, AclOperation operation) {
    return allowed != null && !allowed.contains(operation) && !allowed.contains(AclOperation.ALL);
  }

  private static String failure(ExecutionException e, String need, String resource) {
    if (e.getCause() instanceof AuthorizationException) {
      return need + " " + resource;
    }
    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
      return "find " + resource + " (it does not exist; create the topics first)";
    }
    return "check " + resource + " (" + e.getCause() + ")";
  }
}
