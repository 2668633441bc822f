package dev.finesynth.cli.bench;

import dev.finesynth.cli.commands.PseudoQueryOption;
import dev.finesynth.cli.progress.ProgressDisplay;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.MetricsTable;
import dev.finesynth.client.PseudoQueries;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.TextFiles;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole recipe on a BEIR folder: synthesize from the train queries (and, when asked, pseudo-
 * queries made from the corpus), fine-tune, evaluate on the test queries against the whole corpus,
 * print the progress and the before/after table.
 */
public final class RecipeRunner {
  /** What a recipe run ended with. */
  public record Outcome(String name, RunStatus status, MetricsTable metrics) {}

  private RecipeRunner() {}

  public static Outcome run(
      FinesynthClient client,
      Path beir,
      SynthesisModels models,
      int numRelations,
      PseudoQueryOption pseudoQueries,
      TrainingSpec training,
      List<Integer> ks,
      PrintWriter out) {
    RunRequest request =
        pseudoQueries
            .applyTo(RunRequest.builder())
            .setQueries(TextFiles.queries(beir))
            .setDocuments(TextFiles.documents(beir))
            .optModels(models)
            .optNumRelations(numRelations)
            .optTraining(training)
            .optEvaluation(new EvaluationSpec("beir", beir.toAbsolutePath().toString(), "test", ks))
            .build();
    String name = client.startRun(request);
    out.printf(
        Locale.ROOT,
        "[finesynth] run %s: %d train queries (%d made from documents), %d documents, preset %s%s,"
            + " %d relations, %d epochs at lr %.0e (%s, scale %.1f)%n",
        name,
        request.queries().size(),
        request.queries().stream().filter(q -> q.id().startsWith(PseudoQueries.ID_PREFIX)).count(),
        request.documents().size(),
        models.preset(),
        models.feedbackOrDefault() == 0
            ? ""
            : " with teacher feedback " + models.feedbackOrDefault(),
        numRelations,
        training.epochs(),
        training.learningRate(),
        training.similarity(),
        training.scale());
    out.flush();
    RunStatus status;
    try (ProgressDisplay progress = ProgressDisplay.open(out)) {
      status = client.follow(name, progress);
    }
    MetricsTable table = MetricsTable.of(client.run(name).metrics());
    out.println();
    out.print(table.render());
    out.flush();
    return new Outcome(name, status, table);
  }
}
