package dev.finesynth.contracts.docs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Event;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas (draft 2020-12) of the event records, derived from the records themselves, so that
 * the published description cannot say other than what the codec reads and writes. Nested records
 * are {@code $defs}; primitive components are required, others may be absent or null (the events'
 * own {@code validate} says which a reader rejects, with the reason).
 */
public final class EventSchemas {
  private static final ObjectMapper JSON = EventCodec.newMapper();

  private EventSchemas() {}

  /** The schema of one event type, its nested records under {@code $defs}. */
  public static ObjectNode of(Class<?> eventType) {
    Map<String, ObjectNode> defs = new TreeMap<>();
    ObjectNode schema = record(eventType, defs);
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put(
        "$id", "https://finesynth.dev/schemas/v" + Event.SCHEMA_VERSION + "/" + name(eventType));
    root.put("title", eventType.getSimpleName());
    root.setAll(schema);
    if (!defs.isEmpty()) {
      ObjectNode all = root.putObject("$defs");
      defs.forEach(all::set);
    }
    return root;
  }

  /** The file name of a type's schema: {@code run-spec.json}. */
  public static String name(Class<?> type) {
    return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase() + ".json";
  }

  private static ObjectNode record(Class<?> type, Map<String, ObjectNode> defs) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    var required = JSON.createArrayNode();
    for (RecordComponent component : type.getRecordComponents()) {
      properties.set(component.getName(), of(component.getGenericType(), defs));
      JsonInclude include = component.getAnnotation(JsonInclude.class);
      if (component.getType().isPrimitive() && include == null) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema;
  }

  private static ObjectNode of(Type type, Map<String, ObjectNode> defs) {
    ObjectNode node = JSON.createObjectNode();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (java.util.List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
        node.put("type", "array");
        node.set("items", of(p.getActualTypeArguments()[0], defs));
      } else if (Map.class.isAssignableFrom(raw)) {
        node.put("type", "object");
        node.set("additionalProperties", of(p.getActualTypeArguments()[1], defs));
      } else {
        throw new IllegalArgumentException("no schema for " + type);
      }
      return node;
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      node.put("type", "string");
    } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
      node.put("type", "integer");
    } else if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
      node.put("type", "number");
    } else if (c == boolean.class || c == Boolean.class) {
      node.put("type", "boolean");
    } else if (c == Instant.class) {
      node.put("type", "string").put("format", "date-time");
    } else if (c.isEnum()) {
      node.put("type", "string");
      var values = node.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
    } else if (c.isRecord()) {
      if (!defs.containsKey(c.getSimpleName())) {
        defs.put(c.getSimpleName(), JSON.createObjectNode()); // a placeholder against cycles
        defs.put(c.getSimpleName(), record(c, defs));
      }
      node.put("$ref", "#/$defs/" + c.getSimpleName());
    } else {
      throw new IllegalArgumentException("no schema for " + c);
    }
    return node;
  }
}
