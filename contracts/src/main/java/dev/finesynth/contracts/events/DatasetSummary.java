package dev.finesynth.contracts.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the dataset stage's COMPLETED event tells: the rows, how many fewer than asked, and the
 * checksum of the canonical JSONL. The trainer writes the message and readers (the operator's
 * status, the CLI) parse it here, so the wording has one owner.
 */
public record DatasetSummary(long rows, long missing, String checksum) {
  private static final Pattern MESSAGE =
      Pattern.compile(
          "dataset complete: (\\d+) triplets(?: \\((\\d+) fewer [^)]*\\))?, sha256 (\\w+)");

  public String message() {
    return "dataset complete: "
        + rows
        + " triplets"
        + (missing > 0 ? " (" + missing + " fewer than asked, see the run's warnings)" : "")
        + ", sha256 "
        + checksum;
  }

  /** The summary in a dataset COMPLETED event's message, or empty for any other message. */
  public static Optional<DatasetSummary> parse(String message) {
    Matcher m = MESSAGE.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new DatasetSummary(
            Long.parseLong(m.group(1)),
            m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
            m.group(3)));
  }
}
