package dev.finesynth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir Path dir;

  @Test
  void readsJsonlCsvTsvAndPlainLines() throws Exception {
    Files.writeString(
        dir.resolve("q.jsonl"),
        "{\"_id\":\"a\",\"text\":\"usb c charger\"}\n\n{\"id\":\"b\",\"text\":\"hdmi cable\",\"title\":\"t\"}\n");
    Files.writeString(dir.resolve("d.csv"), "id,title,text\nd1,Cable,braided usb c cable\n");
    Files.writeString(dir.resolve("d.tsv"), "text\nfirst doc\nsecond doc\n");
    Files.writeString(dir.resolve("q.txt"), "wireless mouse\n\n4k monitor\n");
    assertThat(TextFiles.queries(dir.resolve("q.jsonl")))
        .containsExactly(
            new TextRecord("a", "", "usb c charger"), new TextRecord("b", "t", "hdmi cable"));
    assertThat(TextFiles.documents(dir.resolve("d.csv")))
        .containsExactly(new TextRecord("d1", "Cable", "braided usb c cable"));
    assertThat(TextFiles.documents(dir.resolve("d.tsv")))
        .extracting(TextRecord::text)
        .containsExactly("first doc", "second doc");
    assertThat(TextFiles.queries(dir.resolve("q.txt")))
        .containsExactly(
            new TextRecord("1", "", "wireless mouse"), new TextRecord("3", "", "4k monitor"));
  }

  @Test
  void aBeirFolderGivesTheCorpusAndTheTrainQueries() throws Exception {
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(
        dir.resolve("corpus.jsonl"), "{\"_id\":\"d1\",\"title\":\"T\",\"text\":\"doc\"}\n");
    Files.writeString(
        dir.resolve("queries.jsonl"),
        "{\"_id\":\"1\",\"text\":\"train q\"}\n{\"_id\":\"2\",\"text\":\"test q\"}\n");
    Files.writeString(dir.resolve("qrels/train.tsv"), "query-id\tcorpus-id\tscore\n1\td1\t1\n");
    assertThat(TextFiles.queries(dir)).extracting(TextRecord::id).containsExactly("1");
    assertThat(TextFiles.documents(dir)).containsExactly(new TextRecord("d1", "T", "doc"));
  }

  @Test
  void errorsNameTheFileTheLineAndTheField() throws Exception {
    Files.writeString(
        dir.resolve("bad.jsonl"), "{\"_id\":\"a\",\"text\":\"ok\"}\n{\"_id\":\"b\"}\n");
    Files.writeString(dir.resolve("broken.jsonl"), "{oops\n");
    Files.writeString(dir.resolve("bad.csv"), "id,body\n1,x\n");
    assertThatThrownBy(() -> TextFiles.queries(dir.resolve("bad.jsonl")))
        .hasMessage(dir.resolve("bad.jsonl") + ":2: field 'text' is missing or empty");
    assertThatThrownBy(() -> TextFiles.queries(dir.resolve("broken.jsonl")))
        .hasMessageEndingWith(":1: not valid JSON");
    assertThatThrownBy(() -> TextFiles.documents(dir.resolve("bad.csv")))
        .hasMessageContaining(":1: the header has no 'text' column");
    assertThatThrownBy(() -> TextFiles.documents(dir.resolve("missing.jsonl")))
        .hasMessageEndingWith("missing.jsonl: no such file");
  }
}
