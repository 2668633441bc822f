package dev.finesynth.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.ListwiseSpec;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.contracts.validation.EventLimits;
import dev.finesynth.contracts.validation.InvalidEventException;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private final EventCodec codec = new EventCodec(EventLimits.ofTextChars(50));

  @Test
  void everyEventTypeRoundTripsThroughJson() {
    SampleEvents.onePerTopic()
        .forEach(
            (topic, event) -> {
              String json = codec.encode(event);
              assertThat(codec.decode(topic.valueType(), json)).as(topic.name()).isEqualTo(event);
              assertThat(json).contains("\"schemaVersion\":1");
            });
  }

  @Test
  void badJsonIsRejected() {
    assertRejected("{\"schemaVersion\":1,", "$", "is not valid JSON");
    assertRejected("[1,2]", "$", "must be a JSON object");
  }

  @Test
  void missingOrUnknownSchemaVersionIsRejected() {
    assertRejected(
        "{\"runId\":\"r\",\"queryId\":\"q\",\"text\":\"t\"}", "schemaVersion", "is missing");
    assertRejected(
        "{\"schemaVersion\":7,\"runId\":\"r\",\"queryId\":\"q\",\"text\":\"t\"}",
        "schemaVersion",
        "this build reads schema version 1");
  }

  @Test
  void missingAndEmptyFieldsAreNamed() {
    assertRejected("{\"schemaVersion\":1,\"runId\":\"r\",\"text\":\"t\"}", "queryId", "is missing");
    assertRejected(
        "{\"schemaVersion\":1,\"runId\":\"r\",\"queryId\":\"q\",\"text\":\"  \"}",
        "text",
        "is empty");
  }

  @Test
  void oversizedTextIsRejectedWithTheLimit() {
    String json =
        "{\"schemaVersion\":1,\"runId\":\"r\",\"queryId\":\"q\",\"text\":\""
            + "x".repeat(51)
            + "\"}";
    assertRejected(json, "text", "over the limit of 50");
  }

  @Test
  void wrongTypesAndNestedFieldsAreNamedWithTheirPath() {
    String relation =
        "{\"schemaVersion\":1,\"runId\":\"r\",\"queryId\":\"q\",\"query\":\"t\",\"documents\":["
            + "{\"docId\":\"a\",\"text\":\"x\",\"rank\":1,\"minerScore\":0.5},"
            + "{\"docId\":\"b\",\"text\":\"\",\"rank\":2,\"minerScore\":0.1}]}";
    assertThatThrownBy(() -> codec.decode(Relation.class, relation))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("documents[1].text: is empty");
    String spec =
        codec
            .encode(SampleEvents.runSpec())
            .replace("\"numRelations\":10", "\"numRelations\":\"ten\"");
    assertThatThrownBy(() -> codec.decode(RunSpec.class, spec))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("numRelations"));
  }

  @Test
  void runSpecNeedsAtLeastTwoRelations() {
    String spec =
        codec.encode(SampleEvents.runSpec()).replace("\"numRelations\":10", "\"numRelations\":1");
    assertThatThrownBy(() -> codec.decode(Topics.RUNS, spec))
        .hasMessage("numRelations: is 1, must be at least 2");
  }

  @Test
  void hybridMiningFieldsAreOptionalAndLeftOutWhenUnset() {
    String old = codec.encode(SampleEvents.runSpec());
    assertThat(old).doesNotContain("lexicalShare").doesNotContain("\"positive\"");
    assertThat(codec.encode(SampleEvents.onePerTopic().get(Topics.RELATIONS)))
        .doesNotContain("lexicalScore");
    SynthesisModels models = codec.decode(RunSpec.class, old).models();
    assertThat(models.lexicalShareOrDefault()).isZero();
    assertThat(models.positiveOrDefault()).isEqualTo("miner");

    String hybrid =
        old.replace(
            "\"fusion\":\"mean\"",
            "\"fusion\":\"rrf\",\"lexicalShare\":0.3,\"positive\":\"teacher\"");
    SynthesisModels decoded = codec.decode(RunSpec.class, hybrid).models();
    assertThat(decoded).isEqualTo(models.withMining(0.3, "teacher").withFusion("rrf"));
    assertThat(codec.encode(codec.decode(RunSpec.class, hybrid))).isEqualTo(hybrid);
    String relation =
        "{\"schemaVersion\":1,\"runId\":\"r\",\"queryId\":\"q\",\"query\":\"t\",\"documents\":["
            + "{\"docId\":\"a\",\"text\":\"x\",\"rank\":1,\"minerScore\":0.5,\"lexicalScore\":7.5},"
            + "{\"docId\":\"b\",\"text\":\"y\",\"rank\":2,\"minerScore\":0.1}]}";
    assertThat(codec.decode(Relation.class, relation).documents())
        .extracting(RelatedDocument::lexicalScore)
        .containsExactly(7.5, null);
  }

  @Test
  void specsWithoutFeedbackLabelWithoutIt() {
    String old = codec.encode(SampleEvents.runSpec());
    assertThat(old).doesNotContain("feedback");
    SynthesisModels models = codec.decode(RunSpec.class, old).models();
    assertThat(models.feedbackOrDefault()).isZero();
    String fed = old.replace("\"fusion\":\"mean\"", "\"fusion\":\"mean\",\"feedback\":0.5");
    assertThat(codec.decode(RunSpec.class, fed).models()).isEqualTo(models.withFeedback(0.5));
    assertThat(codec.encode(codec.decode(RunSpec.class, fed))).isEqualTo(fed);
    assertThatThrownBy(
            () ->
                codec.decode(
                    RunSpec.class,
                    old.replace("\"fusion\":\"mean\"", "\"fusion\":\"mean\",\"feedback\":-1")))
        .hasMessage("models.feedback: is -1.0, must be between 0 and 10");
  }

  @Test
  void specsWithoutTripletGroupingTrainUngrouped() {
    String current = codec.encode(SampleEvents.runSpec());
    String grouping = "\"tripletsPerQuery\":" + TrainingSpec.DEFAULT_TRIPLETS_PER_QUERY;
    assertThat(current).contains(grouping);
    assertThat(codec.decode(RunSpec.class, current).training().tripletsPerQueryOrDefault())
        .isEqualTo(TrainingSpec.DEFAULT_TRIPLETS_PER_QUERY);
    String old = current.replace(grouping + ",", "");
    assertThat(codec.decode(RunSpec.class, old).training().tripletsPerQueryOrDefault())
        .isEqualTo(TrainingSpec.UNSET_TRIPLETS_PER_QUERY);
    assertThat(codec.encode(codec.decode(RunSpec.class, old))).isEqualTo(old);
    assertThatThrownBy(
            () -> codec.decode(Topics.RUNS, current.replace(grouping, "\"tripletsPerQuery\":-1")))
        .hasMessage("training.tripletsPerQuery: is -1, must be at least 0");
  }

  @Test
  void pseudoQueriesNameTheirDocumentAndRealQueriesLeaveItOut() {
    QueryEvent real = QueryEvent.of("run-1", "q1", "what is lift");
    assertThat(codec.encode(real)).doesNotContain("sourceDocId");
    QueryEvent pseudo = QueryEvent.of("run-1", "pseudo-d7", "wing in a slipstream", "d7");
    String encoded = codec.encode(pseudo);
    assertThat(encoded).contains("\"sourceDocId\":\"d7\"");
    assertThat(codec.decode(QueryEvent.class, encoded)).isEqualTo(pseudo);
    assertThatThrownBy(() -> codec.decode(Topics.QUERIES, encoded.replace("\"d7\"", "\" \"")))
        .hasMessage("sourceDocId: is empty");
  }

  @Test
  void specsWithoutTheListwiseTermTrainWithMarginMseAlone() {
    String encoded = codec.encode(SampleEvents.runSpec());
    String listwise = "\"listwise\":{\"weight\":1.0,\"temperature\":0.05},";
    assertThat(encoded).contains(listwise); // on by default
    assertThat(codec.decode(RunSpec.class, encoded).training().listwise())
        .isEqualTo(ListwiseSpec.of(ListwiseSpec.DEFAULT_WEIGHT));
    String old = encoded.replace(listwise, "");
    RunSpec decoded = codec.decode(RunSpec.class, old);
    assertThat(decoded.training().listwise()).isNull();
    assertThat(decoded.training().withListwise(ListwiseSpec.of(ListwiseSpec.DEFAULT_WEIGHT)))
        .isEqualTo(SampleEvents.runSpec().training());
    assertThat(codec.encode(decoded)).isEqualTo(old);
    assertThatThrownBy(
            () ->
                codec.decode(
                    Topics.RUNS, encoded.replace("\"temperature\":0.05", "\"temperature\":0")))
        .hasMessage("training.listwise.temperature: is 0.0, must be above 0.0");
    assertThatThrownBy(
            () -> codec.decode(Topics.RUNS, encoded.replace("\"weight\":1.0", "\"weight\":-1")))
        .hasMessage("training.listwise.weight: is -1.0, must be at least 0.0");
  }

  @Test
  void unknownFusionAndPositiveAreRejected() {
    String spec = codec.encode(SampleEvents.runSpec());
    assertThatThrownBy(
            () ->
                codec.decode(
                    RunSpec.class, spec.replace("\"fusion\":\"mean\"", "\"fusion\":\"max\"")))
        .hasMessage("models.fusion: is 'max', must be mean, zscore or rrf");
    assertThatThrownBy(
            () ->
                codec.decode(
                    RunSpec.class,
                    spec.replace(
                        "\"fusion\":\"mean\"", "\"fusion\":\"mean\",\"positive\":\"oracle\"")))
        .hasMessage("models.positive: is 'oracle', must be miner or teacher");
    assertThatThrownBy(
            () ->
                codec.decode(
                    RunSpec.class,
                    spec.replace(
                        "\"fusion\":\"mean\"", "\"fusion\":\"mean\",\"lexicalShare\":1.5")))
        .hasMessage("models.lexicalShare: is 1.5, must be between 0 and 1");
  }

  private void assertRejected(String json, String field, String problem) {
    assertThatThrownBy(() -> codec.decode(QueryEvent.class, json))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo(field));
  }
}
