package dev.finesynth.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingRequest;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.contracts.validation.InvalidEventException;
import org.junit.jupiter.api.Test;

/**
 * Ids that the services turn into folder and file names are rejected at decoding when they are
 * paths, so the record goes to the dead-letter topic with the field and the reason, and nothing is
 * written for it.
 */
class PathSafeIdsTest {
  private final EventCodec codec = new EventCodec();

  @Test
  void aRunSpecWithATraversalRunIdIsRejectedNamingTheField() {
    String spec = codec.encode(SampleEvents.runSpec());

    assertRejected(
        Topics.RUNS,
        spec.replace("\"runId\":\"run-1\"", "\"runId\":\"../../etc\""),
        "runId",
        "starts with '.'");
    assertRejected(
        Topics.RUNS,
        spec.replace("\"runId\":\"run-1\"", "\"runId\":\"runs/other\""),
        "runId",
        "path separator ('/')");
    assertRejected(
        Topics.RUNS,
        spec.replace("\"runId\":\"run-1\"", "\"runId\":\"..\\\\..\\\\x\""),
        "runId",
        "starts with '.'");
    assertRejected(
        Topics.RUNS,
        spec.replace("\"runId\":\"run-1\"", "\"runId\":\"run\\u0000\""),
        "runId",
        "U+0000");
    assertRejected(
        Topics.RUNS,
        spec.replace("\"corpusId\":\"cranfield\"", "\"corpusId\":\"/var/lib/x\""),
        "corpusId",
        "path separator");
    assertRejected(
        Topics.RUNS,
        spec.replace("\"split\":\"test\"", "\"split\":\"../../../etc/passwd\""),
        "evaluation.split",
        "starts with '.'");
  }

  @Test
  void theMessageSaysWhyTheIdMatters() {
    String spec =
        codec.encode(SampleEvents.runSpec()).replace("\"runId\":\"run-1\"", "\"runId\":\"a/b\"");
    assertThatThrownBy(() -> codec.decode(Topics.RUNS, spec))
        .hasMessage(
            "runId: contains a path separator ('/'): it must be one file name, not a path"
                + " (it names a folder on disk)");
  }

  @Test
  void aFitOfADatasetOutsideTheDatasetsFolderIsRejected() {
    RunSpec fit =
        SampleEvents.runSpec().withTraining(TrainingSpec.defaults().withDatasetRunId("../x"));
    assertRejected(Topics.RUNS, codec.encode(fit), "training.datasetRunId", "starts with '.'");
    assertRejected(
        Topics.TRAININGS,
        codec.encode(TrainingRequest.of("run-2", "../../run-1")),
        "datasetRunId",
        "starts with '.'");
  }

  @Test
  void dataRecordsOfATraversalRunOrCorpusAreRejected() {
    assertRejected(
        Topics.TRIPLETS,
        codec.encode(Triplet.of("../r", "q1", "q", "d1", "pos", "d2", "neg", 0.9, 0.4)),
        "runId",
        "starts with '.'");
    assertRejected(
        Topics.CORPUS,
        codec.encode(CorpusDocument.of("c/../../x", "d1", "t", "text")),
        "corpusId",
        "path separator");
  }

  @Test
  void aRunEventStillCarriesAnyRunIdSoThatARejectionIsHeard() {
    RunEvent rejected =
        RunEvent.of("../../etc", "trainer", RunEventType.FAILED, "rejected the run spec: ...");
    assertThat(codec.decode(Topics.RUN_EVENTS, codec.encode(rejected))).isEqualTo(rejected);
  }

  private void assertRejected(
      dev.finesynth.contracts.topics.Topic<?> topic, String json, String field, String reason) {
    assertThatThrownBy(() -> codec.decode(topic, json))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo(field));
  }
}
