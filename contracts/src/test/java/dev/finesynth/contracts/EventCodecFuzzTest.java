package dev.finesynth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.validation.InvalidEventException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the one reader of every event: a valid event of each topic with one field removed, given a
 * value of another type, an extra field, a huge or binary text, or its JSON cut short; and any text
 * at all. Whatever comes in, the codec returns a valid event (which encodes back to itself) or
 * rejects it with {@link InvalidEventException} naming the field: never another exception, which
 * would stop a consumer instead of dead-lettering one record.
 */
class EventCodecFuzzTest {
  private static final EventCodec CODEC = new EventCodec();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<Map.Entry<Topic<?>, Event>> SAMPLES =
      List.copyOf(SampleEvents.onePerTopic().entrySet());

  enum Kind {
    REMOVE,
    WRONG_TYPE,
    EXTRA_FIELD,
    HUGE_TEXT,
    BINARY_TEXT,
    CUT_SHORT
  }

  record Mutation(Topic<?> topic, String json) {}

  @Property(tries = 3000)
  void aMutatedEventIsReadValidOrRejectedWithItsField(@ForAll("mutations") Mutation m) {
    readOrReject(m.topic(), m.json());
  }

  @Property(tries = 1000)
  void anyTextIsReadValidOrRejected(
      @ForAll("topics") Topic<?> topic, @ForAll("texts") String text) {
    readOrReject(topic, text);
  }

  private static void readOrReject(Topic<?> topic, String json) {
    Object value;
    try {
      value = CODEC.decode(topic, json);
    } catch (InvalidEventException rejected) {
      assertThat(rejected.getMessage()).as("names the field").matches("(?s)^[^ ]+: .+");
      // the codec's safety net holds, but every check should have foreseen the value itself
      assertThat(rejected.getMessage()).doesNotContain(EventCodec.UNREADABLE);
      return;
    }
    assertThat(value).isNotNull();
    // what is accepted is valid through and through: it is written and read back unchanged
    assertThat(CODEC.decode(topic, CODEC.encode((Event) value))).isEqualTo(value);
  }

  @Provide
  Arbitrary<Topic<?>> topics() {
    return Arbitraries.of(SAMPLES.stream().<Topic<?>>map(Map.Entry::getKey).toList());
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.of("{}", "[]", "null", "1", "\"x\"", "{\"schemaVersion\":1}", " ", ""));
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, SAMPLES.size() - 1),
            Arbitraries.of(Kind.values()),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.of(wrongValues()))
        .as(EventCodecFuzzTest::mutate);
  }

  private static Mutation mutate(int sample, Kind kind, int pick, JsonNode wrong) {
    var entry = SAMPLES.get(sample);
    String json = CODEC.encode(entry.getValue());
    ObjectNode tree;
    try {
      tree = (ObjectNode) CODEC.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<Field> fields = new ArrayList<>();
    collect(tree, fields);
    Field field = fields.get(pick % fields.size());
    switch (kind) {
      case REMOVE -> field.remove();
      case WRONG_TYPE -> field.set(wrong);
      case EXTRA_FIELD -> tree.put("unexpected" + pick, pick);
      case HUGE_TEXT -> field.set(NODES.textNode("x".repeat(100_001 + pick)));
      case BINARY_TEXT -> field.set(NODES.textNode(binary(pick)));
      case CUT_SHORT -> {
        return new Mutation(entry.getKey(), json.substring(0, pick % json.length()));
      }
    }
    return new Mutation(entry.getKey(), tree.toString());
  }

  private static List<JsonNode> wrongValues() {
    ArrayNode array = NODES.arrayNode().add(1).add("two");
    return List.of(
        NODES.textNode("not a number"),
        NODES.numberNode(-1),
        NODES.numberNode(0),
        NODES.numberNode(1e308),
        NODES.numberNode(Long.MAX_VALUE),
        NODES.numberNode(0.5),
        NODES.booleanNode(true),
        NODES.nullNode(),
        array,
        NODES.objectNode().put("a", 1),
        NODES.textNode(""),
        NODES.textNode("2026-13-45T99:00:00Z"));
  }

  private static String binary(int seed) {
    StringBuilder text = new StringBuilder();
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 64; i++) {
      text.append((char) random.nextInt(0x20)); // control characters, NUL included
    }
    return text.toString();
  }

  /** A field somewhere in the tree, nested objects and arrays included. */
  private record Field(JsonNode parent, String name, int index) {
    void remove() {
      if (parent instanceof ObjectNode o) {
        o.remove(name);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.set(name, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }
  }

  private static void collect(JsonNode node, List<Field> fields) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        fields.add(new Field(o, name, -1));
        collect(o.get(name), fields);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        fields.add(new Field(a, null, i));
        collect(a.get(i), fields);
      }
    }
  }
}
