package dev.finesynth.trainer.rest;

import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.dataset.RunDataset;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;

/** Downloads a run's dataset, with its row count and checksum in the response headers. */
@Path("/datasets")
public class DatasetResource {
  @Inject DatasetStore store;

  @GET
  @Path("/{runId}")
  @Produces({"application/x-ndjson", "text/tab-separated-values"})
  public Response download(@PathParam("runId") String runId, @QueryParam("format") String format) {
    if (!store.exists(runId)) {
      throw new NotFoundException("no dataset for run " + runId);
    }
    RunDataset dataset = store.dataset(runId);
    boolean tsv = "tsv".equals(format);
    var file = store.folder(runId).resolve(tsv ? RunDataset.TSV : RunDataset.JSONL);
    var manifest = store.manifest(runId);
    return Response.ok((jakarta.ws.rs.core.StreamingOutput) out -> Files.copy(file, out))
        .type(tsv ? "text/tab-separated-values" : "application/x-ndjson")
        .header(
            "X-Row-Count", manifest.map(DatasetStore.Manifest::rows).orElse((long) dataset.rows()))
        .header(
            "X-Checksum", manifest.map(DatasetStore.Manifest::checksum).orElse(dataset.checksum()))
        .header("X-Complete", manifest.isPresent())
        .build();
  }
}
