package dev.finesynth.operator.reconcile;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every run of the cluster, kept current by one thread that follows the runs, run-events, metrics
 * and models topics from their start (the client's fold, no consumer group): the operator's view of
 * what the services say. Tells {@code changed} the run id of each record it folds in.
 */
public final class RunWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunWatch.class);
  private static final List<Topic<?>> TOPICS =
      List.of(Topics.RUNS, Topics.RUN_EVENTS, Topics.METRICS, Topics.MODELS);
  private static final long RETRY_MS = 5000;

  private final Cluster cluster;
  private final Consumer<String> changed;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  // what views answer from; a re-read after a failure fills a new directory and swaps it in once
  // it has caught up, so no status goes back in time meanwhile
  private RunDirectory runs = RunDirectory.empty();
  private RunDirectory reading;
  private volatile boolean open = true;

  public RunWatch(Cluster cluster, Consumer<String> changed) {
    this.cluster = cluster;
    this.changed = changed;
    thread = new Thread(this::follow, "finesynth-run-watch");
    thread.setDaemon(true);
  }

  public RunWatch start() {
    thread.start();
    return this;
  }

  private void follow() {
    while (open) {
      try {
        awaitTopics();
        synchronized (this) {
          reading = RunDirectory.empty();
        }
        boolean[] swapped = {false};
        cluster.read(
            TOPICS,
            value -> notify(fold(value)),
            () -> {
              if (!swapped[0]) {
                swapped[0] = true;
                swapIn();
              }
              return open;
            });
      } catch (RuntimeException e) {
        LOG.warn(
            "reading the runs' topics failed, again in {} s: {}", RETRY_MS / 1000, e.toString());
        pause();
      }
    }
  }

  /** The services (or Strimzi) create the topics; until they exist there is nothing to follow. */
  private void awaitTopics() {
    List<String> wanted = TOPICS.stream().map(t -> t.qualifiedName(cluster.prefix())).toList();
    while (open) {
      try (Admin admin = Admin.create(cluster.connection().config(Map.of()))) {
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> missing = wanted.stream().filter(n -> !names.contains(n)).toList();
        if (missing.isEmpty()) {
          return;
        }
        LOG.info("waiting for the topics {} to exist", missing);
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("cannot list the topics, again in {} s: {}", RETRY_MS / 1000, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause();
    }
  }

  private void swapIn() {
    List<String> known;
    synchronized (this) {
      runs = reading;
      known = runs.runs().stream().map(v -> v.spec().runId()).toList();
    }
    caughtUp.countDown();
    known.forEach(this::notify);
  }

  private void notify(String runId) {
    boolean current;
    synchronized (this) {
      current = reading == runs;
    }
    if (current && runId != null) {
      changed.accept(runId);
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      open = false;
    }
  }

  /** Whether the topics were read up to where they ended when the watch (re)started. */
  public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
    return caughtUp.await(timeout, unit);
  }

  public boolean caughtUp() {
    return caughtUp.getCount() == 0 && thread.isAlive();
  }

  /** A snapshot question: the run's view as folded so far. */
  public synchronized <T> Optional<T> view(String runId, Function<RunView, T> read) {
    return runs.byId(runId).map(read);
  }

  private synchronized String fold(Object value) {
    if (value instanceof RunSpec spec) {
      reading.apply(spec);
      return spec.runId();
    } else if (value instanceof RunEvent event) {
      reading.apply(event);
      return event.runId();
    } else if (value instanceof MetricEvent metric) {
      reading.apply(metric);
      return metric.runId();
    } else if (value instanceof ModelArtifact model) {
      reading.apply(model);
      return model.runId();
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    open = false;
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
