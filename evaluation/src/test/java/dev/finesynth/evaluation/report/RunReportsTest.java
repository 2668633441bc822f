package dev.finesynth.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RunReportsTest {
  private static final Map<String, Map<String, Integer>> QRELS =
      Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1), "q3", Map.of());

  @TempDir Path dir;

  /** The relevant documents climb one rank per epoch: rank 3, 2, 1, and 1 for "final". */
  private static RunEvaluation run() {
    RetrievalEvaluator evaluator = RetrievalEvaluator.builder().optKs(1, 3).build();
    List<Checkpoint> checkpoints = new ArrayList<>();
    String[] names = {"base", "epoch 1", "epoch 2", "final"};
    int[] ranks = {3, 2, 1, 1};
    for (int i = 0; i < names.length; i++) {
      RetrievalReport report =
          evaluator.evaluateRanked(
              QRELS, Map.of("q1", rankedAt("a", ranks[i]), "q2", rankedAt("b", ranks[i])));
      checkpoints.add(new Checkpoint(names[i], Math.min(i, 2), report));
    }
    return new RunEvaluation("run <a&b>", checkpoints);
  }

  private static List<String> rankedAt(String doc, int rank) {
    List<String> ranking = new ArrayList<>(List.of("x", "y", "z").subList(0, rank - 1));
    ranking.add(doc);
    return ranking;
  }

  @Test
  void jsonParsesBackWithTheNumbers() throws Exception {
    RunReports.ReportFiles files = RunReports.write(run(), dir);
    JsonNode json = new ObjectMapper().readTree(files.json().toFile());

    assertThat(json.get("run").asText()).isEqualTo("run <a&b>");
    assertThat(json.get("checkpoints")).hasSize(4);
    JsonNode base = json.get("checkpoints").get(0);
    assertThat(base.get("evaluatedQueries").asInt()).isEqualTo(2);
    assertThat(base.get("skippedQueries").asInt()).isEqualTo(1);
    // base: rank 3 -> MRR@3 = 1/3, NDCG@3 = 1/log2 4 = 0.5; final: rank 1 -> 1
    assertThat(base.get("means").get("mrr@3").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(base.get("means").get("ndcg@3").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(base.get("perQuery").get("q1").get("ndcg@3").asDouble())
        .isCloseTo(0.5, within(1e-12));
    assertThat(json.get("checkpoints").get(3).get("means").get("ndcg@3").asDouble()).isEqualTo(1.0);
    assertThat(json.get("deltaLastVsBase").get("ndcg@3").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(json.get("deltaLastVsBase").get("recall@1").asDouble()).isEqualTo(1.0);
  }

  @Test
  void markdownHasARowPerMetricAndAColumnPerCheckpoint() throws Exception {
    RunReports.ReportFiles files = RunReports.write(run(), dir);
    List<String> lines = Files.readAllLines(files.markdown());

    assertThat(lines).contains("| metric | base | epoch 1 | epoch 2 | final | Δ final − base |");
    // ndcg@3 by checkpoint: 0.5, 1/log2 3 = 0.6309, 1, 1; delta +0.5
    assertThat(lines).contains("| ndcg@3 | 0.5000 | 0.6309 | 1.0000 | 1.0000 | +0.5000 |");
    assertThat(lines).contains("| recall@1 | 0.0000 | 0.0000 | 1.0000 | 1.0000 | +1.0000 |");
    assertThat(lines)
        .contains(
            "| evaluated queries | 2 | 2 | 2 | 2 | +0 |",
            "| skipped queries | 1 | 1 | 1 | 1 | +0 |");
    long rows = lines.stream().filter(l -> l.matches("\\| [a-z0-9]+@\\d+ \\|.*")).count();
    assertThat(rows).isEqualTo(Metric.values().length * 2);
  }

  @Test
  void svgIsWellFormedAndHoldsTheSeries() throws Exception {
    RunReports.ReportFiles files = RunReports.write(run(), dir);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document svg = factory.newDocumentBuilder().parse(files.svg().toFile());

    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    NodeList lines = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
    List<String> series = new ArrayList<>();
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      series.add(line.getAttribute("data-series"));
      assertThat(line.getAttribute("points").split(" ")).hasSize(4);
    }
    assertThat(series).containsExactly("ndcg@1", "recall@1", "ndcg@3", "recall@3");
    String text = svg.getDocumentElement().getTextContent();
    assertThat(text)
        .contains("run <a&b>", "checkpoint", "score", "base", "epoch 1", "final")
        .contains("ndcg@3 base: 0.5000", "ndcg@3 epoch 1: 0.6309", "recall@3 final: 1.0000");
  }
}
