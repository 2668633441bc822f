package dev.finesynth.evaluator.rest;

import dev.finesynth.evaluator.evaluation.ReportStore;
import dev.finesynth.servicekit.security.RestRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;

/** A run's evaluation report: JSON, the Markdown table, the SVG chart. */
@Path("/reports/{runId}")
@RolesAllowed({RestRoles.VIEWER, RestRoles.OPERATOR})
public class ReportResource {
  @Inject ReportStore reports;

  @GET
  @Produces("application/json")
  public Response json(@PathParam("runId") String runId) {
    return file(runId, "report.json", "application/json");
  }

  @GET
  @Path("/table")
  @Produces("text/markdown")
  public Response table(@PathParam("runId") String runId) {
    return file(runId, "report.md", "text/markdown");
  }

  @GET
  @Path("/chart")
  @Produces("image/svg+xml")
  public Response chart(@PathParam("runId") String runId) {
    return file(runId, "chart.svg", "image/svg+xml");
  }

  private Response file(String runId, String name, String type) {
    java.nio.file.Path file = reports.folder(runId).resolve(name);
    if (!Files.exists(file)) {
      throw new NotFoundException("no report for run " + runId);
    }
    return Response.ok(file.toFile(), type).build();
  }
}
