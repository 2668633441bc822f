package dev.finesynth.evaluation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a run's evaluations as JSON: means, per-query values and the last-minus-base deltas. */
public final class JsonReportWriter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReportWriter() {}

  public static void write(RunEvaluation run, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toJson(run));
  }

  static ObjectNode toJson(RunEvaluation run) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("run", run.runId());
    root.putPOJO("ks", run.ks());
    var checkpoints = root.putArray("checkpoints");
    for (Checkpoint checkpoint : run.checkpoints()) {
      ObjectNode node = checkpoints.addObject();
      node.put("name", checkpoint.name());
      node.put("epoch", checkpoint.epoch());
      node.put("evaluatedQueries", checkpoint.report().evaluatedQueries());
      node.put("skippedQueries", checkpoint.report().skippedQueries());
      node.set("means", MAPPER.valueToTree(checkpoint.report().means()));
      node.set("perQuery", MAPPER.valueToTree(checkpoint.report().perQuery()));
    }
    ObjectNode deltas = root.putObject("deltaLastVsBase");
    run.metricKeys().forEach(key -> deltas.put(key, run.delta(key)));
    return root;
  }
}
