package dev.finesynth.servicekit;

import io.smallrye.reactive.messaging.kafka.Record;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** An emitter that keeps what it is given instead of sending it; every send succeeds. */
public final class RecordingEmitter implements Emitter<Record<String, String>> {
  private final List<Record<String, String>> sent = new CopyOnWriteArrayList<>();
  private final RuntimeException failure;

  public RecordingEmitter() {
    this(null);
  }

  private RecordingEmitter(RuntimeException failure) {
    this.failure = failure;
  }

  /** An emitter whose sends are recorded and then fail, as a sink that cannot reach the broker. */
  public static RecordingEmitter failing(RuntimeException failure) {
    return new RecordingEmitter(failure);
  }

  public List<Record<String, String>> sent() {
    return List.copyOf(sent);
  }

  @Override
  public CompletionStage<Void> send(Record<String, String> record) {
    sent.add(record);
    return failure == null
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(failure);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <M extends Message<? extends Record<String, String>>> void send(M message) {
    sent.add(message.getPayload());
    message.ack();
  }

  @Override
  public void complete() {}

  @Override
  public void error(Exception e) {}

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public boolean hasRequests() {
    return true;
  }
}
