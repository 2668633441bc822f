package dev.finesynth.contracts.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.EventLimits;
import dev.finesynth.contracts.validation.InvalidEventException;
import java.util.stream.Collectors;

/**
 * JSON encoding of events, and the gate every consumer passes a record through: bad JSON, a missing
 * or unknown schema version, missing fields, empty or oversized text all fail with a reason that
 * names the field. Unknown extra fields are ignored so that newer producers do not break readers.
 */
public final class EventCodec {
  /** The reason given for a value that the event's own checks did not foresee. */
  public static final String UNREADABLE = "cannot be checked: ";

  private static final String VERSION_FIELD = "schemaVersion";

  private final ObjectMapper mapper;
  private final EventLimits limits;

  public EventCodec(EventLimits limits) {
    this.limits = limits;
    this.mapper = newMapper();
  }

  public EventCodec() {
    this(EventLimits.DEFAULT);
  }

  /** The mapper configuration every finesynth component uses for event JSON. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  public String encode(Event event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  public <V> V decode(Topic<V> topic, String json) {
    return decode(topic.valueType(), json);
  }

  /** Parses and validates one event; throws {@link InvalidEventException} naming the field. */
  public <V> V decode(Class<V> type, String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidEventException("$", "record has no value");
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("$", "is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!tree.isObject()) {
      throw new InvalidEventException("$", "must be a JSON object, got " + tree.getNodeType());
    }
    checkVersion(tree.get(VERSION_FIELD));
    V value;
    try {
      value = mapper.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      throw new InvalidEventException(path(e), e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("$", e.getOriginalMessage(), e);
    }
    if (value instanceof Event event) {
      try {
        value = type.cast(event.resolved());
        ((Event) value).validate(new Checks(limits));
      } catch (InvalidEventException invalid) {
        throw invalid;
      } catch (RuntimeException unexpected) {
        // a check that did not foresee this value: still one bad record, not a stopped consumer
        throw new InvalidEventException("$", UNREADABLE + unexpected, unexpected);
      }
    }
    return value;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  private static void checkVersion(JsonNode version) {
    if (version == null || version.isNull()) {
      throw new InvalidEventException(VERSION_FIELD, "is missing");
    }
    if (!version.isInt() || version.intValue() != Event.SCHEMA_VERSION) {
      throw new InvalidEventException(
          VERSION_FIELD,
          "is " + version + ", this build reads schema version " + Event.SCHEMA_VERSION);
    }
  }

  private static String path(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "$";
    }
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
