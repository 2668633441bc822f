package dev.finesynth.trainer.rest;

import dev.finesynth.contracts.datasets.CanonicalDataset;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.servicekit.security.RestRoles;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.dataset.RunDataset;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Downloads a run's dataset, with its row count and checksum in the response headers: from the
 * shared folder or, where it holds nothing of the run, a complete one from the artifact store.
 */
@Path("/datasets")
@RolesAllowed({RestRoles.VIEWER, RestRoles.OPERATOR})
public class DatasetResource {
  @Inject DatasetStore store;

  @GET
  @Path("/{runId}")
  @Produces({"application/x-ndjson", "text/tab-separated-values"})
  public Response download(@PathParam("runId") String runId, @QueryParam("format") String format) {
    boolean tsv = "tsv".equals(format);
    String name = tsv ? RunDataset.TSV : RunDataset.JSONL;
    if (!store.exists(runId)) {
      // not in the shared folder: a complete dataset may be in the artifact store
      var stored = store.storedManifest(runId);
      var copy = stored.flatMap(m -> store.storedFile(runId, name));
      if (copy.isEmpty()) {
        throw new NotFoundException("no dataset for run " + runId);
      }
      return complete(
          stored.get(),
          tsv,
          out -> {
            try (var file = copy.get()) {
              Files.copy(file.path(), out);
            }
          });
    }
    var manifest = store.manifest(runId);
    if (manifest.isPresent()) {
      var file = store.folder(runId).resolve(name);
      return complete(manifest.get(), tsv, out -> Files.copy(file, out));
    }
    // still filling: the canonical rows stored so far, by every instance
    List<Triplet> rows = store.dataset(runId).canonicalRows();
    var codec = store.codec();
    return Response.ok(
            (StreamingOutput)
                out -> {
                  var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                  CanonicalDataset.write(
                      rows,
                      tsv ? CanonicalDataset.Format.TSV : CanonicalDataset.Format.JSONL,
                      codec,
                      writer);
                  writer.flush();
                })
        .type(tsv ? "text/tab-separated-values" : "application/x-ndjson")
        .header("X-Row-Count", rows.size())
        .header("X-Checksum", CanonicalDataset.checksum(rows, codec))
        .header("X-Complete", false)
        .build();
  }

  private static Response complete(
      DatasetStore.Manifest manifest, boolean tsv, StreamingOutput body) {
    return Response.ok(body)
        .type(tsv ? "text/tab-separated-values" : "application/x-ndjson")
        .header("X-Row-Count", manifest.rows())
        .header("X-Checksum", manifest.checksum())
        .header("X-Complete", true)
        .build();
  }
}
