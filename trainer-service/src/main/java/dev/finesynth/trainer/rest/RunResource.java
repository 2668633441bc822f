package dev.finesynth.trainer.rest;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.MetricsTable;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunView;
import dev.finesynth.client.TextRecord;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.servicekit.security.RestRoles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Runs over HTTP, for clients that speak neither Kafka nor the CLI: the same reads and actions, all
 * answered from the topics (no database), so any trainer instance answers for every run. Reads take
 * a viewer or an operator; starting and cancelling runs take an operator.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed({RestRoles.VIEWER, RestRoles.OPERATOR})
public class RunResource {
  @Inject RunClients clients;

  @GET
  @Operation(summary = "Every run with its status, newest first")
  public List<Map<String, Object>> runs() {
    return client().runs().stream().map(RunResource::summary).toList();
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "A run's status, stage progress and failure reason")
  public Map<String, Object> status(@PathParam("name") String name) {
    RunView run = find(name);
    Map<String, Object> status = new java.util.LinkedHashMap<>(summary(run));
    status.put("completedStages", run.completedStages());
    Map<String, String> progress = new java.util.TreeMap<>();
    run.progress().forEach((stage, event) -> progress.put(stage, event.message()));
    status.put("progress", progress);
    status.put("failure", run.failureReason());
    return status;
  }

  @GET
  @Path("/{name}/logs")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "The run's events as Server-Sent Events, from the first until the run ends")
  public Multi<RunEvent> logs(@PathParam("name") String name) {
    FinesynthClient client = client();
    find(name);
    return Multi.createFrom()
        .<RunEvent>emitter(
            emitter -> {
              client.follow(name, emitter::emit);
              emitter.complete();
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @GET
  @Path("/{name}/metrics")
  @Operation(summary = "Retrieval metrics per metric@k and epoch (0 = the base model)")
  public Map<String, Map<Integer, Double>> metrics(@PathParam("name") String name) {
    return MetricsTable.of(find(name).metrics()).rows();
  }

  @GET
  @Path("/{name}/dataset")
  @Produces("application/x-ndjson")
  @Operation(summary = "The run's complete dataset as JSON lines")
  public Response dataset(@PathParam("name") String name) {
    FinesynthClient client = client();
    try {
      var rows = client.dataset(name);
      StringBuilder body = new StringBuilder();
      rows.forEach(t -> body.append(client.cluster().codec().encode(t)).append('\n'));
      return Response.ok(body.toString()).header("X-Row-Count", rows.size()).build();
    } catch (IllegalStateException notComplete) {
      return Response.status(Response.Status.CONFLICT)
          .entity(Map.of("error", notComplete.getMessage()))
          .build();
    }
  }

  @POST
  @RolesAllowed(RestRoles.OPERATOR)
  @Operation(summary = "Start a synthesis run from inline queries and documents")
  public Response start(StartRun request) {
    if (request == null || request.queries() == null || request.documents() == null) {
      throw new BadRequestException("queries and documents are required");
    }
    try {
      RunRequest run =
          RunRequest.builder()
              .setQueries(request.queries())
              .setDocuments(request.documents())
              .optName(request.name())
              .optModels(
                  Presets.models(request.preset() != null ? request.preset() : Presets.DEFAULT))
              .optNumRelations(request.numRelations() != null ? request.numRelations() : 10)
              .optTraining(
                  request.fit()
                      ? request.training() != null ? request.training() : TrainingSpec.defaults()
                      : null)
              .optEvaluation(request.evaluation())
              .build();
      String name = client().startRun(run);
      return Response.status(Response.Status.CREATED).entity(Map.of("name", name)).build();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  @POST
  @Path("/{name}/cancel")
  @RolesAllowed(RestRoles.OPERATOR)
  @Operation(summary = "Cancel a run")
  public Map<String, String> cancel(@PathParam("name") String name) {
    find(name);
    try {
      client().cancel(name);
    } catch (IllegalStateException ended) {
      throw new ClientErrorException(
          Response.status(Response.Status.CONFLICT)
              .entity(Map.of("error", ended.getMessage()))
              .type(MediaType.APPLICATION_JSON)
              .build());
    }
    return Map.of("name", name, "status", "CANCELLED");
  }

  private RunView find(String name) {
    try {
      return client().run(name);
    } catch (IllegalArgumentException unknown) {
      throw new NotFoundException(unknown.getMessage());
    }
  }

  private FinesynthClient client() {
    return clients.connect();
  }

  private static Map<String, Object> summary(RunView run) {
    return Map.of(
        "name",
        run.spec().name(),
        "runId",
        run.spec().runId(),
        "status",
        run.status(),
        "stage",
        run.currentStage(),
        "createdAt",
        run.spec().createdAt().toString());
  }

  /** The body of {@code POST /runs}. */
  public record StartRun(
      String name,
      List<TextRecord> queries,
      List<TextRecord> documents,
      String preset,
      Integer numRelations,
      boolean fit,
      TrainingSpec training,
      EvaluationSpec evaluation) {}
}
