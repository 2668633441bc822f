package dev.finesynth.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published description of the topics and events ({@code docs/asyncapi.json}, {@code
 * docs/schemas/}) is what the registry and the records say: regenerate it with {@code ./mvnw -q -pl
 * contracts exec:java} (or {@code AsyncApiDocument.main}) when this fails.
 */
class ContractDocsTest {
  private static final Path DOCS = KafkaBroker.projectRoot().resolve("docs");

  @Test
  void theCommittedDocsAreWhatTheRegistryAndTheRecordsGenerate() throws Exception {
    if (Boolean.getBoolean("finesynth.docs.write")) {
      AsyncApiDocument.main(new String[] {DOCS.toString()});
    }
    var generated = AsyncApiDocument.files();
    for (var file : generated.entrySet()) {
      Path committed = DOCS.resolve(file.getKey());
      assertThat(committed).as("regenerate docs/ with -Dfinesynth.docs.write=true").exists();
      assertThat(Files.readString(committed))
          .as(file.getKey() + " drifted: regenerate it with -Dfinesynth.docs.write=true")
          .isEqualTo(file.getValue());
    }
    try (Stream<Path> schemas = Files.list(DOCS.resolve("schemas"))) {
      assertThat(schemas.map(p -> "schemas/" + p.getFileName()))
          .as("no schema of an event that no longer exists")
          .allMatch(generated::containsKey);
    }
  }

  @Test
  void everyTopicIsAChannelWithItsPartitionsAndKey() throws Exception {
    JsonNode doc = EventCodec.newMapper().readTree(AsyncApiDocument.files().get("asyncapi.json"));
    assertThat(doc.get("channels").size()).isEqualTo(Topics.all().size());
    JsonNode triplets = doc.get("channels").get("triplets");
    assertThat(triplets.get("address").asText()).isEqualTo("finesynth.triplets");
    assertThat(triplets.at("/bindings/kafka/partitions").asInt())
        .isEqualTo(Topics.TRIPLETS.partitions());
    assertThat(doc.at("/components/messages/Triplet/bindings/kafka/key/description").asText())
        .isEqualTo("runId/queryId/negDocId");
  }

  @Test
  void aSchemaNamesEveryFieldTheCodecWrites() throws Exception {
    JsonNode schema = EventSchemas.of(dev.finesynth.contracts.events.RunSpec.class);
    assertThat(schema.get("properties").has("skipBadRecords")).isTrue();
    assertThat(schema.at("/properties/models/$ref").asText()).isEqualTo("#/$defs/SynthesisModels");
    assertThat(schema.at("/$defs/SynthesisModels/properties/teacher/items/$ref").asText())
        .isEqualTo("#/$defs/ScorerSpec");
    assertThat(schema.get("required").toString()).contains("numRelations");
  }
}
