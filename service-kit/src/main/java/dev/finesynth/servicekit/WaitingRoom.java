package dev.finesynth.servicekit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Where a stage's records wait for their run to be ready (its spec, its corpus), so that they never
 * hold up other runs' records: the batch's other runs are processed at once, the waiting run's
 * records stay unacknowledged here (a crash re-delivers them) and are processed by this room's own
 * thread once the run is ready. A run that is cancelled meanwhile is let go; one still not ready
 * after the deadline fails with the reason. The room holds at most {@code capacity} records: past
 * that, {@link #admit} blocks, which stops the consumer (back-pressure) instead of growing memory.
 *
 * @param <C> what a ready run gives the work: its spec, its index
 */
public final class WaitingRoom<C> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WaitingRoom.class);
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  /** Whether a run is ready, and what it waits for when it is not. */
  public interface Readiness<C> {
    /** The run's context once it is ready; empty while it must wait. */
    Optional<C> ready(String runId) throws Exception;

    /**
     * What the run waits for, for its event and its failure: "its corpus: 142 of 400 documents".
     */
    String waitingFor(String runId);
  }

  /** A stage's work on one ready run's records; returns the sends to wait for before the ack. */
  @FunctionalInterface
  public interface Work<C, T> {
    List<CompletableFuture<Void>> process(C ready, String runId, List<T> records) throws Exception;
  }

  private record Guest<C>(
      String runId,
      List<Object> records,
      Work<C, Object> work,
      long since,
      CompletableFuture<Void> done) {}

  private final String step;
  private final Readiness<C> readiness;
  private final Duration deadline;
  private final int capacity;
  private final RunEventPublisher events;
  private final CancelledRuns cancelled;
  private final String stopMessage;
  private final List<Guest<C>> guests = new ArrayList<>();
  private final Thread thread;
  private int waitingRecords;
  private volatile boolean closed;

  /**
   * @param step what the stage does, for events and reasons: "mining"
   * @param stopMessage what the stage says when a waiting run is cancelled
   */
  public WaitingRoom(
      String step,
      Readiness<C> readiness,
      Duration deadline,
      int capacity,
      RunEventPublisher events,
      CancelledRuns cancelled,
      String stopMessage) {
    this.step = step;
    this.readiness = readiness;
    this.deadline = deadline;
    this.capacity = capacity;
    this.events = events;
    this.cancelled = cancelled;
    this.stopMessage = stopMessage;
    this.thread = new Thread(this::serve, step + "-waiting-room");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Processes the run's records now if the run is ready, else keeps them until it is. The returned
   * future completes when the records may be acknowledged: processed and sent, let go because the
   * run was cancelled, or given up with the run failed.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<Void> admit(String runId, List<T> records, Work<C, T> work)
      throws Exception {
    if (cancelled.stop(runId, stopMessage)) {
      return CompletableFuture.completedFuture(null);
    }
    Optional<C> ready = readiness.ready(runId);
    if (ready.isPresent()) {
      return allOf(work.process(ready.get(), runId, records));
    }
    var guest =
        new Guest<C>(
            runId,
            (List<Object>) records,
            (Work<C, Object>) work,
            System.nanoTime(),
            new CompletableFuture<>());
    synchronized (this) {
      while (waitingRecords >= capacity && !closed) {
        wait(CHECK_EVERY.toMillis());
      }
      boolean first = guests.stream().noneMatch(g -> g.runId().equals(runId));
      guests.add(guest);
      waitingRecords += records.size();
      if (first) {
        events.log(runId, step + " waits for " + readiness.waitingFor(runId));
      }
      notifyAll();
    }
    return guest.done();
  }

  /** Looks at the waiting runs again now (a spec or a document arrived). */
  public synchronized void wake() {
    notifyAll();
  }

  /** Records that wait now. */
  public synchronized int waiting() {
    return waitingRecords;
  }

  private void serve() {
    while (!closed) {
      try {
        List<Guest<C>> round;
        synchronized (this) {
          if (guests.isEmpty()) {
            wait(CHECK_EVERY.toMillis());
          }
          round = List.copyOf(guests);
        }
        for (Guest<C> guest : round) {
          if (attend(guest)) {
            synchronized (this) {
              guests.remove(guest);
              waitingRecords -= guest.records().size();
              notifyAll();
            }
          }
        }
        synchronized (this) {
          if (!guests.isEmpty() && !closed) {
            wait(CHECK_EVERY.toMillis());
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("the waiting room of " + step + " failed a round", e);
      }
    }
  }

  /** Whether the guest is done: processed, let go or given up. */
  private boolean attend(Guest<C> guest) throws InterruptedException {
    String runId = guest.runId();
    try {
      if (cancelled.stop(runId, stopMessage)) {
        guest.done().complete(null);
        return true;
      }
      Optional<C> ready = readiness.ready(runId);
      if (ready.isPresent()) {
        allOf(guest.work().process(ready.get(), runId, guest.records()))
            .whenComplete((v, failure) -> settle(guest, failure));
        return true;
      }
      if (System.nanoTime() - guest.since() > deadline.toNanos()) {
        giveUp(guest);
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      settle(guest, e);
      return true;
    }
  }

  private void giveUp(Guest<C> guest) {
    boolean last;
    synchronized (this) {
      last = guests.stream().filter(g -> g.runId().equals(guest.runId())).count() == 1;
    }
    if (last) {
      events.failed(
          guest.runId(),
          step
              + " gave up after waiting "
              + deadline
              + " for "
              + readiness.waitingFor(guest.runId()));
    }
    guest.done().complete(null);
  }

  /** A failed run is failed with the reason; its records are acknowledged, the others go on. */
  private void settle(Guest<C> guest, Throwable failure) {
    if (failure != null) {
      Throwable reason =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      events.failed(guest.runId(), step + " failed: " + reason, reason);
    }
    guest.done().complete(null);
  }

  private static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> sends) {
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
