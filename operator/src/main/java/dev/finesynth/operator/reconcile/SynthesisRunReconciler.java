package dev.finesynth.operator.reconcile;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunStatus;
import dev.finesynth.contracts.validation.InvalidEventException;
import dev.finesynth.operator.resource.SynthesisRun;
import dev.finesynth.operator.resource.SynthesisRunStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one SynthesisRun: start its run once (the run id is the resource's uid, and the
 * client starts nothing for an id already on the runs topic), fold the run's events into its
 * status, refuse a spec changed after the start, and cancel the run when the resource is deleted (a
 * finalizer keeps it until then). Returns when to look again, where nothing else will say.
 */
public final class SynthesisRunReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(SynthesisRunReconciler.class);
  private static final Duration RETRY_INPUT = Duration.ofSeconds(15);

  private final KubernetesClient kubernetes;
  private final FinesynthClient client;
  private final RunWatch watch;
  private final RunRequests requests;

  public SynthesisRunReconciler(
      KubernetesClient kubernetes, FinesynthClient client, RunWatch watch, Path sharedRoot) {
    this.kubernetes = kubernetes;
    this.client = client;
    this.watch = watch;
    this.requests = new RunRequests(new InputFiles(kubernetes, sharedRoot), client);
  }

  public Optional<Duration> reconcile(SynthesisRun run) {
    if (run.isMarkedForDeletion()) {
      release(run);
      return Optional.empty();
    }
    if (!run.hasFinalizer(SynthesisRun.FINALIZER)) {
      run = finalizer(run, true);
    }
    SynthesisRunStatus status =
        run.getStatus() != null ? run.getStatus() : new SynthesisRunStatus();
    String before = Serialization.asJson(status);
    Long generation = run.getMetadata().getGeneration();
    Optional<Duration> again = Optional.empty();
    if (status.runId == null) {
      // a spec refused as invalid stays refused until it changes
      boolean refused =
          RunStatus.FAILED.name().equals(status.phase) && specHash(run).equals(status.specHash);
      if (!refused) {
        again = start(run, status, generation);
      }
    } else {
      checkSpec(run, status, generation);
    }
    if (status.runId != null) {
      watch.view(
          status.runId,
          view -> {
            StatusFold.into(status, view);
            return view;
          });
      completion(status, generation);
    }
    status.observedGeneration = generation;
    if (!Serialization.asJson(status).equals(before)) {
      run.setStatus(status);
      kubernetes.resource(run).updateStatus();
    }
    return again;
  }

  private Optional<Duration> start(SynthesisRun run, SynthesisRunStatus status, Long generation) {
    String name = RunRequests.runName(run);
    try {
      RunRequest request = requests.of(run);
      client.startRun(request);
      status.runId = run.getMetadata().getUid();
      status.runName = name;
      status.specHash = specHash(run);
      status.startedGeneration = generation;
      status.phase = RunStatus.CREATED.name();
      status.reason = null;
      status.progress = "waiting for the services";
      Conditions.set(
          status.conditions,
          Conditions.ACCEPTED,
          true,
          "RunStarted",
          "run "
              + name
              + " started: "
              + request.queries().size()
              + " queries, "
              + (request.corpus() != null
                  ? request.corpus().documents() + " documents of " + request.corpus().corpusId()
                  : request.documents().size() + " documents"),
          generation);
      LOG.info("{}: started run {} ({})", key(run), name, status.runId);
      return Optional.empty();
    } catch (SpecProblem problem) {
      refuse(run, status, problem.reason(), problem.getMessage(), problem.retry(), generation);
      return problem.retry() ? Optional.of(RETRY_INPUT) : Optional.empty();
    } catch (IllegalArgumentException | InvalidEventException invalid) {
      refuse(run, status, "InvalidSpec", invalid.getMessage(), false, generation);
      return Optional.empty();
    }
  }

  private static void refuse(
      SynthesisRun run,
      SynthesisRunStatus status,
      String reason,
      String message,
      boolean retry,
      Long generation) {
    // an input that may still be created keeps the run waiting; anything else fails it until the
    // spec is fixed (a spec may change freely until its run starts)
    status.phase = retry ? RunStatus.CREATED.name() : RunStatus.FAILED.name();
    status.reason = message;
    status.progress = retry ? "waiting for its inputs" : "failed";
    status.specHash = retry ? null : specHash(run);
    Conditions.set(status.conditions, Conditions.ACCEPTED, false, reason, message, generation);
    LOG.warn("{}: not started ({}): {}", key(run), reason, message);
  }

  private static void checkSpec(SynthesisRun run, SynthesisRunStatus status, Long generation) {
    boolean same = specHash(run).equals(status.specHash);
    Conditions.set(
        status.conditions,
        Conditions.SPEC_APPLIED,
        same,
        same ? "AsStarted" : "ChangedAfterStart",
        same
            ? "the run runs this spec"
            : "the spec changed after run "
                + status.runName
                + " started from generation "
                + status.startedGeneration
                + "; a started run keeps its spec, so the change is refused (delete this"
                + " SynthesisRun and create a new one to run the changed spec)",
        generation);
  }

  private static void completion(SynthesisRunStatus status, Long generation) {
    RunStatus phase = RunStatus.valueOf(status.phase);
    switch (phase) {
      case FINISHED ->
          Conditions.set(
              status.conditions,
              Conditions.COMPLETED,
              true,
              "Finished",
              "the run finished",
              generation);
      case FAILED ->
          Conditions.set(
              status.conditions, Conditions.COMPLETED, false, "Failed", status.reason, generation);
      case CANCELLED ->
          Conditions.set(
              status.conditions,
              Conditions.COMPLETED,
              false,
              "Cancelled",
              "the run was cancelled",
              generation);
      default ->
          Conditions.set(
              status.conditions,
              Conditions.COMPLETED,
              "Unknown",
              "Running",
              status.progress,
              generation);
    }
  }

  /** Cancels a run that has not ended, then lets the resource go. */
  private void release(SynthesisRun run) {
    if (!run.hasFinalizer(SynthesisRun.FINALIZER)) {
      return;
    }
    String runId = run.getMetadata().getUid();
    boolean running = watch.view(runId, view -> !view.status().terminal()).orElse(false);
    if (running) {
      String name = watch.view(runId, view -> view.spec().name()).orElseThrow();
      client.cancel(name);
      LOG.info("{}: deleted, run {} cancelled", key(run), name);
    }
    finalizer(run, false);
  }

  private SynthesisRun finalizer(SynthesisRun run, boolean add) {
    return kubernetes
        .resource(run)
        .edit(
            r -> {
              if (add) {
                r.addFinalizer(SynthesisRun.FINALIZER);
              } else {
                r.removeFinalizer(SynthesisRun.FINALIZER);
              }
              return r;
            });
  }

  static String specHash(SynthesisRun run) {
    try {
      byte[] json = Serialization.asJson(run.getSpec()).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String key(SynthesisRun run) {
    return run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
  }
}
