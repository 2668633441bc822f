package dev.finesynth.operator;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.operator.reconcile.RunWatch;
import dev.finesynth.operator.reconcile.SynthesisRunReconciler;
import dev.finesynth.operator.resource.SynthesisRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SynthesisRun controller: an informer on the resources, a watch on the runs' events, and one
 * worker that reconciles one resource at a time. A resource is reconciled when it changes, when its
 * run's events arrive, and every resync period.
 */
public final class Operator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);
  private static final String BY_UID = "uid";
  private static final Duration RESYNC = Duration.ofSeconds(30);

  private final KubernetesClient kubernetes;
  private final String namespace;
  private final RunWatch watch;
  private final SynthesisRunReconciler reconciler;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "finesynth-reconcile"));
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<SynthesisRun> informer;

  /** Watches {@code namespace}, or every namespace where it is null. */
  public Operator(
      KubernetesClient kubernetes, FinesynthClient client, String namespace, Path sharedRoot) {
    this.kubernetes = kubernetes;
    this.namespace = namespace;
    this.watch = new RunWatch(client.cluster(), this::runChanged);
    this.reconciler = new SynthesisRunReconciler(kubernetes, client, watch, sharedRoot);
  }

  public Operator start() throws InterruptedException {
    watch.start();
    // runs started before a restart must be known before their resources are looked at
    if (!watch.awaitCaughtUp(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the runs topics could not be read to their end in 2 min");
    }
    var resources = kubernetes.resources(SynthesisRun.class);
    informer =
        (namespace != null ? resources.inNamespace(namespace) : resources.inAnyNamespace())
            .runnableInformer(RESYNC.toMillis());
    informer.addIndexers(Map.of(BY_UID, r -> List.of(r.getMetadata().getUid())));
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(SynthesisRun run) {
            enqueue(Cache.metaNamespaceKeyFunc(run), Duration.ZERO);
          }

          @Override
          public void onUpdate(SynthesisRun old, SynthesisRun run) {
            enqueue(Cache.metaNamespaceKeyFunc(run), Duration.ZERO);
          }

          @Override
          public void onDelete(SynthesisRun run, boolean unknownFinalState) {
            // the finalizer let it go: its run was cancelled while it was being deleted
          }
        });
    informer.start().toCompletableFuture().join();
    LOG.info("watching SynthesisRuns in {}", namespace != null ? namespace : "every namespace");
    return this;
  }

  /** Synced with the API server and caught up with the runs' topics. */
  public boolean ready() {
    return informer != null && informer.hasSynced() && watch.caughtUp();
  }

  private void runChanged(String runId) {
    if (runId == null || informer == null) {
      return;
    }
    for (SynthesisRun run : informer.getIndexer().byIndex(BY_UID, runId)) {
      enqueue(Cache.metaNamespaceKeyFunc(run), Duration.ZERO);
    }
  }

  private void enqueue(String key, Duration delay) {
    if (queued.add(key)) {
      worker.schedule(() -> reconcile(key), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void reconcile(String key) {
    queued.remove(key);
    SynthesisRun run = informer.getStore().getByKey(key);
    if (run == null) {
      return;
    }
    try {
      reconciler.reconcile(run).ifPresent(again -> enqueue(key, again));
    } catch (KubernetesClientException conflict) {
      // another writer got there first (or the cache is behind): look again at the newer copy
      LOG.debug("{}: {}", key, conflict.getMessage());
      enqueue(key, Duration.ofSeconds(conflict.getCode() == 409 ? 1 : 10));
    } catch (RuntimeException e) {
      LOG.warn("{}: reconcile failed, retrying in 10 s: {}", key, e.toString());
      enqueue(key, Duration.ofSeconds(10));
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (informer != null) {
      informer.close();
    }
    worker.shutdownNow();
    watch.close();
  }
}
