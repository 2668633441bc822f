package dev.finesynth.trainer.rest;

import dev.finesynth.servicekit.artifacts.LocalCopy;
import dev.finesynth.servicekit.security.RestRoles;
import dev.finesynth.trainer.training.ModelStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Downloads an exported model (a sentence-transformers folder) as a zip, from the shared folder or,
 * where it does not hold the model, from the artifact store.
 */
@Path("/models")
@RolesAllowed({RestRoles.VIEWER, RestRoles.OPERATOR})
public class ModelResource {
  @Inject ModelStore models;

  @GET
  @Path("/{runId}/epoch-{epoch}")
  @Produces("application/zip")
  @Operation(summary = "The model a run exported after an epoch, zipped")
  public Response download(@PathParam("runId") String runId, @PathParam("epoch") int epoch) {
    // the shared folder's copy, else the artifact store's
    LocalCopy copy =
        Files.isDirectory(models.model(runId, epoch))
            ? LocalCopy.at(models.model(runId, epoch))
            : models
                .stored(runId, epoch)
                .orElseThrow(
                    () ->
                        new NotFoundException("no model of run " + runId + " for epoch " + epoch));
    java.nio.file.Path folder = copy.path();
    StreamingOutput zip =
        out -> {
          try (copy;
              ZipOutputStream stream = new ZipOutputStream(out);
              var files = Files.walk(folder)) {
            files
                // a link planted in the folder must not serve a file from elsewhere
                .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                .forEach(
                    file -> {
                      try {
                        stream.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
                        Files.copy(file, stream);
                        stream.closeEntry();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    });
          }
        };
    return Response.ok(zip)
        .header(
            "Content-Disposition", "attachment; filename=\"" + runId + "-epoch-" + epoch + ".zip\"")
        .build();
  }
}
