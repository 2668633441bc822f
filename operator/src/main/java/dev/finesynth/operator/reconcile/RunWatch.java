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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every run of the cluster, kept current by one thread that follows the runs, run-events, metrics
 * and models topics from their start (the client's fold, no consumer group): the operator's view of
 * what the services say. Tells {@code changed} the run id of each record it folds in.
 */
public final class RunWatch implements AutoCloseable {
  private static final List<Topic<?>> TOPICS =
      List.of(Topics.RUNS, Topics.RUN_EVENTS, Topics.METRICS, Topics.MODELS);

  private final RunDirectory runs = RunDirectory.empty();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean open = true;

  public RunWatch(Cluster cluster, Consumer<String> changed) {
    thread =
        new Thread(
            () ->
                cluster.read(
                    TOPICS,
                    value -> changed.accept(fold(value)),
                    () -> {
                      caughtUp.countDown();
                      return open;
                    }),
            "finesynth-run-watch");
    thread.setDaemon(true);
  }

  public RunWatch start() {
    thread.start();
    return this;
  }

  /** Whether the topics were read up to where they ended at the start. */
  public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
    return caughtUp.await(timeout, unit);
  }

  public boolean caughtUp() {
    return caughtUp.getCount() == 0 && thread.isAlive();
  }

  /** A snapshot question: the run's view as folded so far. */
  public synchronized <T> Optional<T> view(
      String runId, java.util.function.Function<RunView, T> read) {
    return runs.byId(runId).map(read);
  }

  private synchronized String fold(Object value) {
    if (value instanceof RunSpec spec) {
      runs.apply(spec);
      return spec.runId();
    } else if (value instanceof RunEvent event) {
      runs.apply(event);
      return event.runId();
    } else if (value instanceof MetricEvent metric) {
      runs.apply(metric);
      return metric.runId();
    } else if (value instanceof ModelArtifact model) {
      runs.apply(model);
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
