package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.cli.commands.EvaluateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on a small BEIR folder whose right answers are plain, with a bundled model. */
class EvaluateCommandTest {
  @TempDir Path beir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeBeirFolder() throws Exception {
    Files.writeString(
        beir.resolve("corpus.jsonl"),
        """
        {"_id": "d1", "title": "Over-ear headphones", "text": "Wireless headphones with active noise cancelling."}
        {"_id": "d2", "title": "Garden hose", "text": "A 30 metre hose for watering the garden."}
        {"_id": "d3", "title": "Coffee grinder", "text": "Burr grinder for espresso and filter coffee beans."}
        {"_id": "d4", "title": "Phone charger", "text": "A 65 W USB-C wall charger for phones and laptops."}
        """);
    Files.writeString(
        beir.resolve("queries.jsonl"),
        """
        {"_id": "q1", "text": "noise cancelling headphones"}
        {"_id": "q2", "text": "grind espresso beans"}
        {"_id": "q3", "text": "a query judged only irrelevant"}
        """);
    Files.createDirectories(beir.resolve("qrels"));
    Files.writeString(
        beir.resolve("qrels/test.tsv"),
        "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\nq3\td2\t0\n");
  }

  /** {@code evaluate --beir <the folder> options...}, in this JVM. */
  private int evaluate(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "evaluate";
    args[1] = "--beir";
    args[2] = beir.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    return FinesynthCli.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void jsonHasEveryMetricAtEveryCutoffPerModel() throws Exception {
    int code = evaluate("--model", "all-minilm-l6-v2", "--k", "1,3", "--output", "json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode model = new ObjectMapper().readTree(out.toString()).get("all-minilm-l6-v2");
    for (String metric : new String[] {"precision", "recall", "f1", "hit", "map", "mrr", "dcg"}) {
      assertThat(model.has(metric + "@1") && model.has(metric + "@3")).as(metric).isTrue();
    }
    // both judged queries find their one relevant document first
    assertThat(model.get("ndcg@1").asDouble()).isEqualTo(1.0);
    assertThat(model.get("recall@3").asDouble()).isEqualTo(1.0);
    assertThat(model.get("precision@3").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void textPutsModelsSideBySide() {
    int code = evaluate("--model", "all-minilm-l6-v2", "--model", "e5-small-v2");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("2 judged queries (1 without a relevant document left out), 4 documents")
        .containsPattern("metric\\s+all-minilm-l6-v2\\s+e5-small-v2")
        .containsPattern("ndcg@10\\s+1\\.0000\\s+1\\.0000")
        .containsPattern("mrr@10\\s+1\\.0000\\s+1\\.0000");
  }

  @Test
  void longNamesBecomeNumberedColumnsWithALegend() {
    assertThat(EvaluateCommand.labels(List.of("e5-small-v2", "bge-small-en-v1.5")))
        .containsExactly("e5-small-v2", "bge-small-en-v1.5");
    assertThat(EvaluateCommand.labels(List.of("e5-small-v2", "/models/run/5303f1c7/epoch-3")))
        .containsExactly("[1]", "[2]");
  }

  @Test
  void aMissingSplitIsNamed() {
    int code = evaluate("--model", "all-minilm-l6-v2", "--split", "dev");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("dev.tsv");
  }

  @Test
  void aCutoffBelowOneIsRefused() {
    int code = evaluate("--model", "x", "--k", "10,0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("--k values must be at least 1");
  }
}
