package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every service's view of the run specs: folds the compacted {@code runs} topic into a map, each
 * spec with its preset's settings filled in. An invalid spec throws, which sends it to this
 * service's runs dead-letter topic with the reason; the run itself is failed, once, by the
 * trainers' {@code RunRegistrar}.
 */
@Singleton
public class RunCatalog {
  private final Map<String, RunSpec> runs = new ConcurrentHashMap<>();

  @Inject EventCodec codec;
  @Inject jakarta.enterprise.event.Event<RunArrived> arrived;

  @Incoming("runs")
  public void onRun(Record<String, String> record) {
    if (record.value() == null) {
      runs.remove(record.key());
      return;
    }
    RunSpec spec = decode(record);
    if (runs.put(spec.runId(), spec) == null) {
      arrived.fire(new RunArrived(spec));
    }
    synchronized (this) {
      notifyAll();
    }
  }

  /** An invalid spec throws to the dead-letter topic; the trainers' RunRegistrar fails the run. */
  private RunSpec decode(Record<String, String> record) {
    return codec.decode(Topics.RUNS, record.value());
  }

  /** Waits until a run spec arrives or {@code timeout} passes, whichever is first. */
  public synchronized void awaitChange(java.time.Duration timeout) throws InterruptedException {
    wait(Math.max(1, timeout.toMillis()));
  }

  public Optional<RunSpec> find(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  public Optional<RunSpec> findByName(String name) {
    return runs.values().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Every run spec known so far. */
  public java.util.Collection<RunSpec> all() {
    return java.util.List.copyOf(runs.values());
  }

  public int size() {
    return runs.size();
  }

  /**
   * Fired on the consumer thread when a run spec is seen for the first time by this instance
   * (including at start, when the topic is read again): observers must hand heavy work off.
   */
  public record RunArrived(RunSpec spec) {}
}
