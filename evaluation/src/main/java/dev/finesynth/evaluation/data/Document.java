package dev.finesynth.evaluation.data;

import java.util.Objects;

/** One corpus entry; {@code title} is empty when the collection has none. */
public record Document(String id, String title, String text) {

  public Document {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    Objects.requireNonNull(text, "text");
  }

  /** Title + " " + text, the document text the shared reference figures were measured with. */
  public String titleAndText() {
    return title.isEmpty() ? text : title + " " + text;
  }
}
