package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import java.util.ArrayList;
import java.util.List;
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
    var byRun = kit.decoder.decodeByRun(batch, Topics.QUERIES, QueryEvent::runId, null);
    assertThat(byRun).containsOnlyKeys("b", "a");
    assertThat(byRun.keySet()).containsExactly("b", "a");
    assertThat(byRun.get("b")).extracting(QueryEvent::queryId).containsExactly("q1", "q3");
    assertThat(byRun.get("a")).extracting(QueryEvent::queryId).containsExactly("q2");
  }

  @Test
  void badRecordsOfARunFailItNamingHowManyAndTheFirstReasons() {
    kit.addRun(ServiceKitFixture.runSpec("a", null, null));
    TestBatch batch =
        TestBatch.of(
            "a/q1",
            query("a", "q1"),
            "a/q2",
            "{not json",
            "a/q3",
            query("a", "q3").replace("text of q3", " "),
            "zz/q4",
            "{not json either");
    List<String> skipped = new ArrayList<>();

    var byRun =
        kit.decoder.decodeByRun(
            batch, Topics.QUERIES, QueryEvent::runId, (run, key, reason) -> skipped.add(key));

    assertThat(byRun.get("a")).extracting(QueryEvent::queryId).containsExactly("q1");
    assertThat(kit.deadLettered).hasSize(3);
    assertThat(skipped).isEmpty();
    assertThat(kit.runEvents()) // the unknown run zz is only dead-lettered
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.runId()).isEqualTo("a");
              assertThat(e.type()).isEqualTo(RunEventType.FAILED);
              assertThat(e.message())
                  .startsWith("2 bad records on queries (first: a/q2: $: is not valid JSON")
                  .contains("a/q3: text: is empty");
            });
  }

  @Test
  void aRunThatSkipsBadRecordsHearsOfEachAndGoesOn() {
    RunSpec spec = ServiceKitFixture.runSpec("s", null, null);
    kit.addRun(spec.skippingBadRecords());
    List<String> skipped = new ArrayList<>();

    kit.decoder.decodeByRun(
        TestBatch.of("s/q1", "[1, 2]", "s/q2", query("s", "q2")),
        Topics.QUERIES,
        QueryEvent::runId,
        (run, key, reason) -> skipped.add(key + " " + reason));

    assertThat(skipped).containsExactly("s/q1 $: must be a JSON object, got ARRAY");
    assertThat(kit.runEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(RunEventType.LOG);
              assertThat(e.message()).startsWith("skipped 1 bad record on queries");
            });
  }

  @Test
  void aTombstoneOnATopicWithoutDeletionsIsABadRecordOfItsRun() {
    kit.addRun(ServiceKitFixture.runSpec("t", null, null));

    var byRun =
        kit.decoder.decodeByRun(
            TestBatch.of("t/q1", null, "t/q2", query("t", "q2")),
            Topics.QUERIES,
            QueryEvent::runId,
            (run, key, reason) -> {});

    assertThat(byRun.get("t")).extracting(QueryEvent::queryId).containsExactly("q2");
    assertThat(kit.deadLettered)
        .containsExactly("t/q1: $: is a tombstone (no value), but queries takes no deletions");
    assertThat(kit.runEvents()).extracting(e -> e.type()).containsExactly(RunEventType.FAILED);
  }

  @Test
  void badRecordsThatCameBeforeTheirSpecFailTheRunWhenItArrives() {
    kit.decoder.decodeByRun(
        TestBatch.of("late/q1", "{not json"), Topics.QUERIES, QueryEvent::runId, (r, k, e) -> {});
    assertThat(kit.runEvents()).isEmpty();

    RunSpec late = ServiceKitFixture.runSpec("late", null, null);
    kit.addRun(late);
    kit.decoder.onRun(new RunCatalog.RunArrived(late));

    assertThat(kit.runEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("1 bad record on queries"));
  }
}
