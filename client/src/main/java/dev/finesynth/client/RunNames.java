package dev.finesynth.client;

import java.security.SecureRandom;
import java.util.List;

/** Human names for runs, such as {@code brisk-otter-3f2a}. */
public final class RunNames {
  private static final List<String> ADJECTIVES =
      List.of(
          "brisk", "calm", "clever", "eager", "gentle", "keen", "lucid", "nimble", "quiet",
          "steady", "swift", "vivid");
  private static final List<String> NOUNS =
      List.of(
          "otter", "heron", "lynx", "falcon", "badger", "marten", "ibis", "orca", "puffin", "wren",
          "yak", "zebu");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunNames() {}

  public static String random() {
    return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size()))
        + "-"
        + NOUNS.get(RANDOM.nextInt(NOUNS.size()))
        + "-"
        + String.format("%04x", RANDOM.nextInt(0x10000));
  }
}
