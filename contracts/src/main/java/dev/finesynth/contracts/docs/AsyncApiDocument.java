package dev.finesynth.contracts.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AsyncAPI 3.0 description of every topic ({@link Topics#all()}): its address under the default
 * prefix, what its key holds, its partitions and retention, and its message's JSON Schema ({@link
 * EventSchemas}). {@code docs/} holds the generated files; {@code ContractDocsTest} fails when they
 * drift from the registry and the records, and {@code main} writes them again.
 */
public final class AsyncApiDocument {
  private static final ObjectMapper JSON = EventCodec.newMapper();

  private AsyncApiDocument() {}

  public static ObjectNode document() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("asyncapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "finesynth events");
    info.put("version", Integer.toString(Event.SCHEMA_VERSION));
    info.put(
        "description",
        "Topics and events of the finesynth services. Keys are UTF-8 strings (the entity id);"
            + " values are JSON with a schemaVersion. Topic names carry the deployment's prefix"
            + " (finesynth.topic-prefix, default "
            + Topics.DEFAULT_PREFIX
            + "). Produce keyed records with the Java client's partitioner (murmur2).");
    ObjectNode channels = doc.putObject("channels");
    ObjectNode messages = JSON.createObjectNode();
    for (Topic<?> topic : Topics.all()) {
      ObjectNode channel = channels.putObject(topic.name());
      channel.put("address", topic.qualifiedName(Topics.DEFAULT_PREFIX));
      String message = messageName(topic);
      channel
          .putObject("messages")
          .putObject(message)
          .put("$ref", "#/components/messages/" + message);
      ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
      kafka.put("topic", topic.qualifiedName(Topics.DEFAULT_PREFIX));
      kafka.put("partitions", topic.partitions());
      ObjectNode configs = kafka.putObject("topicConfiguration");
      configs.putArray("cleanup.policy").add(topic.configs().get("cleanup.policy"));
      if (topic.configs().containsKey("retention.ms")) {
        configs.put("retention.ms", Long.parseLong(topic.configs().get("retention.ms")));
      }
      kafka.put("bindingVersion", "0.5.0");
      if (!messages.has(message)) {
        ObjectNode m = messages.putObject(message);
        m.put("name", message);
        m.putObject("bindings")
            .putObject("kafka")
            .putObject("key")
            .put("type", "string")
            .put("description", topic.keyDescription());
        m.put("contentType", "application/json");
        m.putObject("payload")
            .put(
                "$ref",
                topic.valueType() == String.class
                    ? "#/components/schemas/DeadLetter"
                    : "schemas/" + EventSchemas.name(topic.valueType()));
      }
    }
    ObjectNode components = doc.putObject("components");
    components.set("messages", messages);
    components
        .putObject("schemas")
        .putObject("DeadLetter")
        .put("type", "string")
        .put(
            "description",
            "the original record's value as it was; the dead-letter-reason header says why");
    return doc;
  }

  /** The schema of each event type a topic carries, by file name. */
  public static Map<String, ObjectNode> schemas() {
    Map<String, ObjectNode> schemas = new LinkedHashMap<>();
    for (Topic<?> topic : Topics.all()) {
      if (topic.valueType() != String.class) {
        schemas.put(EventSchemas.name(topic.valueType()), EventSchemas.of(topic.valueType()));
      }
    }
    return schemas;
  }

  /** The text of each generated file, by its path under {@code docs/}. */
  public static Map<String, String> files() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    var writer = JSON.writerWithDefaultPrettyPrinter();
    files.put("asyncapi.json", writer.writeValueAsString(document()) + "\n");
    for (var schema : schemas().entrySet()) {
      files.put("schemas/" + schema.getKey(), writer.writeValueAsString(schema.getValue()) + "\n");
    }
    return files;
  }

  private static String messageName(Topic<?> topic) {
    return topic.valueType() == String.class ? "DeadLetter" : topic.valueType().getSimpleName();
  }

  /** Writes the files under the folder given (the project's {@code docs/}). */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "docs");
    for (var file : files().entrySet()) {
      Path target = root.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}
