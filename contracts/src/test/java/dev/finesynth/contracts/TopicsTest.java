package dev.finesynth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.Topics;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void namesAreKebabCaseAndUnique() {
    assertThat(Topics.all()).extracting(Topic::name).allMatch(n -> n.matches("[a-z]+(-[a-z]+)*"));
    assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
  }

  @Test
  void compactedTopicsAreTheEntityTopics() {
    assertThat(Topics.RUNS.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(Topics.CORPUS.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(Topics.QUERIES.configs()).containsEntry("cleanup.policy", "delete");
    assertThat(Topics.TRIPLETS.configs()).containsEntry("retention.ms", "-1");
    assertThat(Topics.deadLetter("miner", Topics.QUERIES).qualifiedName("finesynth."))
        .isEqualTo("finesynth.miner-queries-dead-letters");
  }
}
