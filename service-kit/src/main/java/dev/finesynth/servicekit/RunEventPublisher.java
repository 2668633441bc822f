package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes a stage's status, progress and log lines to {@code run-events}. Progress is throttled
 * per run and stage so a fast stage does not flood the topic.
 */
@Singleton
public class RunEventPublisher {
  private static final Logger LOG = Logger.getLogger(RunEventPublisher.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(3);

  @Inject EventCodec codec;
  @Inject FinesynthConfig config;

  @Inject
  @Channel("run-events")
  Emitter<Record<String, String>> emitter;

  private static final ScheduledExecutorService TRAILING =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "finesynth-progress");
            t.setDaemon(true);
            return t;
          });

  private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();
  private final Map<String, RunEvent> pending = new ConcurrentHashMap<>();

  /** Sends the event as told by this instance. */
  public void publish(RunEvent event) {
    RunEvent told = event.instance() == null ? event.from(config.instanceName()) : event;
    emitter.send(Record.of(told.key(), codec.encode(told)));
  }

  public void started(String runId, String message) {
    publish(RunEvent.of(runId, config.service(), RunEventType.STARTED, message));
  }

  public void completed(String runId, String message) {
    completed(runId, config.service(), message);
  }

  /** Completion of a stage other than the service's own name, e.g. {@code dataset}. */
  public void completed(String runId, String stage, String message) {
    publish(RunEvent.of(runId, stage, RunEventType.COMPLETED, message));
  }

  /** The run is known to the services: its spec was read and accepted. */
  public void created(String runId, String message) {
    publish(RunEvent.of(runId, "run", RunEventType.CREATED, message));
  }

  /** The run ended well: its final stage ({@code RunSpec#finalStage}) completed. */
  public void finished(String runId, String message) {
    LOG.infof("[%s] finished: %s", runId, message);
    publish(RunEvent.of(runId, "run", RunEventType.FINISHED, message));
  }

  /**
   * Completes {@code stage} of {@code run}; when that is the run's final stage ({@link
   * RunSpec#finalStage}), the run FINISHES with the same message.
   */
  public void completed(RunSpec run, String stage, String message) {
    completed(run.runId(), stage, message);
    if (stage.equals(run.finalStage())) {
      finished(run.runId(), message);
    }
  }

  public void failed(String runId, String reason) {
    LOG.errorf("run %s failed in %s: %s", runId, config.service(), reason);
    publish(RunEvent.of(runId, config.service(), RunEventType.FAILED, reason));
  }

  /**
   * Fails {@code runId} on the way to rethrowing {@code cause}: a failure to publish is attached to
   * {@code cause} as suppressed, so the dead letter keeps the first reason.
   */
  public void failed(String runId, String reason, Throwable cause) {
    try {
      failed(runId, reason);
    } catch (RuntimeException notSent) {
      cause.addSuppressed(notSent);
    }
  }

  /** This service's acknowledgement that it stopped working on a cancelled run. */
  public void cancelled(String runId, String message) {
    LOG.infof("[%s] cancelled: %s", runId, message);
    publish(RunEvent.of(runId, config.service(), RunEventType.CANCELLED, message));
  }

  public void log(String runId, String message) {
    LOG.infof("[%s] %s", runId, message);
    publish(RunEvent.of(runId, config.service(), RunEventType.LOG, message));
  }

  /** Progress figures, sent at most every few seconds per run unless {@code force} is set. */
  public void progress(String runId, String message, Map<String, Double> counts, boolean force) {
    progress(runId, config.service(), message, counts, force);
  }

  /**
   * Progress of a named stage, throttled per run and stage. A throttled event is not dropped: the
   * latest one goes out when the interval is over, so the last figures of a stage always arrive.
   */
  public void progress(
      String runId, String stage, String message, Map<String, Double> counts, boolean force) {
    long now = System.nanoTime();
    String key = runId + "|" + stage;
    RunEvent event = RunEvent.progress(runId, stage, message, counts);
    synchronized (lastProgress) {
      Long last = lastProgress.get(key);
      if (!force && last != null && now - last < PROGRESS_INTERVAL.toNanos()) {
        if (pending.put(key, event) == null) {
          long wait = PROGRESS_INTERVAL.toNanos() - (now - last);
          TRAILING.schedule(() -> flush(key), wait, TimeUnit.NANOSECONDS);
        }
        return;
      }
      pending.remove(key);
      lastProgress.put(key, now);
    }
    publish(event);
  }

  private void flush(String key) {
    RunEvent event;
    synchronized (lastProgress) {
      event = pending.remove(key);
      if (event == null) {
        return; // a later event went out meanwhile
      }
      lastProgress.put(key, System.nanoTime());
    }
    try {
      publish(event);
    } catch (RuntimeException e) {
      LOG.warnf("could not send the progress of %s: %s", key, e.getMessage());
    }
  }
}
