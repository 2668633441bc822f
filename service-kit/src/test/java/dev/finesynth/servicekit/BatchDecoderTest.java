package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.topics.Topics;
import org.junit.jupiter.api.Test;

class BatchDecoderTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("test");

  private String query(String runId, String queryId) {
    return kit.codec.encode(QueryEvent.of(runId, queryId, "text of " + queryId));
  }

  @Test
  void eventsAreGroupedByRunInBatchOrder() {
    TestBatch batch =
        TestBatch.of(
            "b/q1", query("b", "q1"),
            "a/q2", query("a", "q2"),
            "b/q3", query("b", "q3"));
    var byRun = kit.decoder.decodeByRun(batch, Topics.QUERIES, QueryEvent::runId);
    assertThat(byRun).containsOnlyKeys("b", "a");
    assertThat(byRun.keySet()).containsExactly("b", "a");
    assertThat(byRun.get("b")).extracting(QueryEvent::queryId).containsExactly("q1", "q3");
    assertThat(byRun.get("a")).extracting(QueryEvent::queryId).containsExactly("q2");
  }
}
