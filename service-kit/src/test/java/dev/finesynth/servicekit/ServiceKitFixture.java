package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.topics.Topics;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The kit's beans wired by hand for one service's unit tests, without CDI or a broker: the run
 * events it publishes are kept by an emitter and read back decoded.
 */
public final class ServiceKitFixture {
  public final EventCodec codec = new EventCodec();
  public final RecordingEmitter runEventRecords = new RecordingEmitter();
  public final RunEventPublisher events = new RunEventPublisher();
  public final CancelledRuns cancelled = new CancelledRuns();
  public final RunCatalog runs = new RunCatalog();
  public final BatchDecoder decoder = new BatchDecoder();
  public final RecordingEmitter shortfallRecords = new RecordingEmitter();
  public final ShortfallPublisher shortfalls = new ShortfallPublisher();
  public final Rebalances rebalances = new Rebalances();

  /** {@code key: reason} of every record the decoder sent to a dead-letter topic. */
  public final List<String> deadLettered = new java.util.ArrayList<>();

  public final FinesynthConfig config;

  public ServiceKitFixture(String service) {
    this(service, Path.of("."));
  }

  /** The kit of {@code service} keeping its local state under {@code home}. */
  public ServiceKitFixture(String service, Path home) {
    config = new StubConfig(service, home.toString());
    events.codec = codec;
    events.config = config;
    events.emitter = runEventRecords;
    cancelled.codec = codec;
    cancelled.events = events;
    runs.codec = codec;
    decoder.codec = codec;
    shortfalls.codec = codec;
    shortfalls.emitter = shortfallRecords;
    decoder.runs = runs;
    decoder.events = events;
    decoder.deadLetters =
        new DeadLetters() {
          @Override
          public void send(
              io.smallrye.reactive.messaging.kafka.KafkaRecord<String, String> record,
              String sourceTopic,
              Exception reason) {
            deadLettered.add(record.getKey() + ": " + reason.getMessage());
          }
        };
    runs.arrived = new NoObservers<>();
  }

  /** Cancels the run as the CLI does: a CANCELLED event of the {@code run} stage. */
  public void cancel(String runId) {
    cancelled.onRunEvent(
        Record.of(
            runId,
            codec.encode(
                RunEvent.of(runId, "run", RunEventType.CANCELLED, "cancelled by the user"))));
  }

  /** Delivers a run spec as the {@code runs} topic would. */
  public void addRun(RunSpec spec) {
    runs.onRun(Record.of(spec.runId(), codec.encode(spec)));
  }

  /** A valid run of 4 queries over 10 documents, training and evaluation as given (or null). */
  public static RunSpec runSpec(String runId, TrainingSpec training, EvaluationSpec evaluation) {
    return new RunSpec(
        Event.SCHEMA_VERSION,
        runId,
        "run-" + runId,
        "corpus-" + runId,
        Presets.models(Presets.DEFAULT),
        3,
        32,
        64,
        8,
        10,
        4,
        training,
        evaluation,
        Instant.parse("2025-01-01T10:00:00Z"),
        null);
  }

  /** Every run event this service published, in order. */
  public List<RunEvent> runEvents() {
    return runEventRecords.sent().stream()
        .map(r -> codec.decode(Topics.RUN_EVENTS, r.value()))
        .toList();
  }

  private record StubConfig(String service, String home) implements FinesynthConfig {
    @Override
    public String topicPrefix() {
      return dev.finesynth.contracts.topics.Topics.DEFAULT_PREFIX;
    }

    @Override
    public Topics topics() {
      return null;
    }

    @Override
    public Events events() {
      return null;
    }

    @Override
    public java.time.Duration waitDeadline() {
      return java.time.Duration.ofMinutes(1);
    }

    @Override
    public int waitCapacity() {
      return 1000;
    }

    @Override
    public java.util.Optional<String> shared() {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<String> instance() {
      return java.util.Optional.of(service + "-0");
    }
  }

  /** A CDI event nobody observes, for beans that fire one. */
  private static final class NoObservers<T> implements jakarta.enterprise.event.Event<T> {
    @Override
    public void fire(T event) {}

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public jakarta.enterprise.event.Event<T> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends T> jakarta.enterprise.event.Event<U> select(
        Class<U> subtype, Annotation... qualifiers) {
      return new NoObservers<>();
    }

    @Override
    public <U extends T> jakarta.enterprise.event.Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      return new NoObservers<>();
    }
  }
}
