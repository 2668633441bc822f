package dev.finesynth.contracts.codec;

import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.topics.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An explicit Kafka serde for one topic's events, for plain Kafka clients (the CLI, the Java
 * client, tests). Deserialising a tombstone gives null; an invalid record throws with the field
 * named.
 */
public final class EventSerde<V extends Event> implements Serde<V> {
  private final Topic<V> topic;
  private final EventCodec codec;

  public EventSerde(Topic<V> topic, EventCodec codec) {
    this.topic = topic;
    this.codec = codec;
  }

  public static <V extends Event> EventSerde<V> of(Topic<V> topic) {
    return new EventSerde<>(topic, new EventCodec());
  }

  @Override
  public Serializer<V> serializer() {
    return (t, value) ->
        value == null ? null : codec.encode(value).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Deserializer<V> deserializer() {
    return (t, bytes) ->
        bytes == null ? null : codec.decode(topic, new String(bytes, StandardCharsets.UTF_8));
  }
}
