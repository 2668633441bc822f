package dev.finesynth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PseudoQueriesTest {
  @Test
  void titlesWithoutTheirFullStopOrTheFirstSentenceBecomeQueries() {
    assertThat(
            PseudoQueries.queryText(
                new TextRecord("1", "boundary layer in hypersonic flow .", "ignored")))
        .isEqualTo("boundary layer in hypersonic flow");
    assertThat(
            PseudoQueries.queryText(
                new TextRecord("2", " ", "GaN charger with two ports. Ships in a box.")))
        .isEqualTo("GaN charger with two ports");
    String longSentence = "word ".repeat(40).strip();
    assertThat(PseudoQueries.queryText(new TextRecord("3", null, longSentence)).split(" "))
        .hasSize(PseudoQueries.MAX_WORDS);
    assertThat(PseudoQueries.queryText(new TextRecord("4", null, ""))).isEmpty();
  }

  @Test
  void aSeededSampleOfDistinctDocumentsAndTexts() {
    List<TextRecord> documents = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      documents.add(new TextRecord("d" + i, "topic " + (i % 40), "text"));
    }
    documents.add(new TextRecord("empty", null, "  "));

    List<PseudoQueries.PseudoQuery> queries = PseudoQueries.fromDocuments(documents, 45, 7);
    assertThat(queries).hasSize(40); // only 40 distinct titles
    assertThat(queries).extracting(q -> q.query().text()).doesNotHaveDuplicates();
    assertThat(queries)
        .allSatisfy(
            q -> {
              assertThat(q.query().id()).isEqualTo(PseudoQueries.ID_PREFIX + q.documentId());
              int doc = Integer.parseInt(q.documentId().substring(1));
              assertThat(q.query().text()).isEqualTo("topic " + doc % 40);
            });
    assertThat(PseudoQueries.fromDocuments(documents, 10, 7)).isEqualTo(queries.subList(0, 10));
    assertThat(PseudoQueries.fromDocuments(documents, 10, 8)).isNotEqualTo(queries.subList(0, 10));
    assertThat(PseudoQueries.fromDocuments(documents, 0, 7)).isEmpty();
    assertThatThrownBy(() -> PseudoQueries.fromDocuments(documents, -1, 7))
        .hasMessageContaining("must not be negative");
  }

  @Test
  void aRunRequestAppendsThemToTheGivenQueries() {
    List<TextRecord> documents =
        List.of(
            new TextRecord("a", "wing in a slipstream .", "text a"),
            new TextRecord("b", "shear flow past a plate .", "text b"));
    List<TextRecord> given = List.of(new TextRecord("q1", null, "what is lift"));
    RunRequest request =
        RunRequest.builder()
            .setQueries(given)
            .setDocuments(documents)
            .optPseudoQueries(2, 1)
            .build();
    assertThat(request.queries()).hasSize(3).startsWith(given.get(0));
    assertThat(request.queries().subList(1, 3))
        .extracting(TextRecord::text)
        .containsExactlyInAnyOrder("wing in a slipstream", "shear flow past a plate");
    // each remembers its document, which mining leaves out; real queries have none
    for (TextRecord pseudo : request.queries().subList(1, 3)) {
      String source = request.sourceOf(pseudo.id());
      assertThat(documents)
          .filteredOn(d -> d.id().equals(source))
          .singleElement()
          .satisfies(d -> assertThat(d.title()).startsWith(pseudo.text()));
    }
    assertThat(request.sourceOf("q1")).isNull();
    assertThat(RunRequest.builder().setQueries(given).setDocuments(documents).build().queries())
        .isEqualTo(given);
  }
}
