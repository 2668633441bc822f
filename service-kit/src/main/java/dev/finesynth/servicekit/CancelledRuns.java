package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.topics.Topics;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The runs the user cancelled, folded from {@code run-events}: every instance reads the topic from
 * its start and keeps only the ids of cancelled runs. A service asks {@link #stop} before each unit
 * of work, and says once per run, on its own stage, that it stopped.
 */
@Singleton
public class CancelledRuns {
  private static final Logger LOG = Logger.getLogger(CancelledRuns.class);

  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  @Inject EventCodec codec;
  @Inject RunEventPublisher events;

  @Incoming("cancellations")
  public void onRunEvent(Record<String, String> record) {
    // nearly every run event is progress or a log line: decode only those that can be a
    // cancellation
    if (record.value() == null || !record.value().contains(RunEventType.CANCELLED.name())) {
      return;
    }
    RunEvent event = codec.decode(Topics.RUN_EVENTS, record.value());
    if (event.type() == RunEventType.CANCELLED) {
      cancel(event.runId());
    }
  }

  public void cancel(String runId) {
    if (cancelled.add(runId)) {
      LOG.infof("run %s is cancelled", runId);
    }
  }

  public boolean contains(String runId) {
    return cancelled.contains(runId);
  }

  /**
   * Whether work on the run must stop. The first time it must, this service acknowledges on {@code
   * run-events} with {@code message} (what it stops doing), so the user sees every stage let go.
   */
  public boolean stop(String runId, String message) {
    if (!cancelled.contains(runId)) {
      return false;
    }
    if (acknowledged.add(runId)) {
      events.cancelled(runId, message);
    }
    return true;
  }
}
