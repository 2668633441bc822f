package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunBatchesTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("scorer");
  private final Map<String, List<String>> byRun = new LinkedHashMap<>();

  RunBatchesTest() {
    byRun.put("r1", List.of("a"));
    byRun.put("r2", List.of("b", "c"));
    byRun.put("r3", List.of("d"));
  }

  @Test
  void aFailingRunFailsAloneAndTheBatchStillFailsOnceEveryRunWasTried() {
    List<String> processed = new ArrayList<>();

    assertThatThrownBy(
            () ->
                scoreEachRun(
                    (runId, records) -> {
                      if (runId.equals("r2")) {
                        throw new IllegalStateException("teacher crashed on " + records);
                      }
                      processed.addAll(records);
                    }))
        .hasMessage("teacher crashed on [b, c]");

    assertThat(processed).containsExactly("a", "d");
    assertThat(kit.runEvents())
        .singleElement()
        .extracting(RunEvent::runId, RunEvent::type, RunEvent::message)
        .containsExactly(
            "r2",
            RunEventType.FAILED,
            "scoring failed; the run's relations went to the dead-letter topic:"
                + " java.lang.IllegalStateException: teacher crashed on [b, c]");
  }

  @Test
  void anInterruptedBatchFailsNoRun() {
    assertThatThrownBy(
            () ->
                scoreEachRun(
                    (runId, records) -> {
                      throw new InterruptedException("shutting down");
                    }))
        .isInstanceOf(InterruptedException.class);

    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    assertThat(kit.runEvents()).isEmpty();
  }

  @Test
  void aFailedSendFailsEveryRunOfTheBatchWithTheUnwrappedReason() {
    List<CompletableFuture<Void>> sends =
        List.of(
            CompletableFuture.completedFuture(null),
            CompletableFuture.failedFuture(new IllegalStateException("broker unreachable")));

    CompletableFuture<Void> all =
        RunBatches.allSent(sends, byRun.keySet(), kit.events, "sending triplets", "relations");

    assertThatThrownBy(() -> all.get(5, TimeUnit.SECONDS))
        .hasMessageContaining("broker unreachable");
    assertThat(kit.runEvents()).extracting(RunEvent::runId).containsExactly("r1", "r2", "r3");
    assertThat(kit.runEvents())
        .extracting(RunEvent::message)
        .allSatisfy(
            message ->
                assertThat(message)
                    .endsWith(
                        "dead-letter topic: java.lang.IllegalStateException: broker unreachable"));
  }

  private void scoreEachRun(RunBatches.RunWork<String> work) throws Exception {
    RunBatches.eachRun(byRun, kit.events, "scoring", "relations", work);
  }
}
