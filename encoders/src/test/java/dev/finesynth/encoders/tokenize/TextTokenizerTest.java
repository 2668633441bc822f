package dev.finesynth.encoders.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.encoders.BundledModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Truncation, pairs, dynamic padding and order restoration on a real BERT tokenizer.json. */
class TextTokenizerTest {
  private static final long CLS = 101;
  private static final long SEP = 102;
  private static Path tokenizerJson;

  @BeforeAll
  static void findTokenizer() {
    // this file fixes padding and truncation at 128; the wrapper must override both
    tokenizerJson = BundledModels.tokenizerJson("all-minilm-l6-v2");
  }

  @Test
  void truncatesAtMaxLengthAndDoesNotPad() {
    try (TextTokenizer t = new TextTokenizer(tokenizerJson, 16, 0)) {
      TokenizedText longText = t.encode("one two three four five six seven ".repeat(10));
      assertThat(longText.length()).isEqualTo(16);
      assertThat(longText.ids()[0]).isEqualTo(CLS);
      assertThat(longText.ids()[15]).isEqualTo(SEP);
      TokenizedText shortText = t.encode("hello world");
      assertThat(shortText.ids()).containsExactly(CLS, 7592, 2088, SEP);
      assertThat(shortText.typeIds()).containsOnly(0L);
      assertThat(t.encode("").ids()).containsExactly(CLS, SEP);
    }
    try (TextTokenizer t = new TextTokenizer(tokenizerJson, 300, 0)) {
      assertThat(t.encode("word ".repeat(400)).length()).isEqualTo(300);
    }
  }

  @Test
  void pairsMarkTheSecondTextAndTruncateAsAsked() {
    String shortQuery = "capital of france";
    String longDoc = "paris is the capital and largest city of france. ".repeat(10);
    try (TextTokenizer longest = new TextTokenizer(tokenizerJson, 32, 0);
        TextTokenizer second =
            new TextTokenizer(tokenizerJson, 32, 0, PairTruncation.ONLY_SECOND)) {
      TokenizedText pair = longest.encodePair(shortQuery, longDoc);
      assertThat(pair.length()).isEqualTo(32);
      int firstSep = indexOf(pair.ids(), SEP);
      assertThat(firstSep).isEqualTo(4); // [CLS] capital of france [SEP]: the query is whole
      for (int i = 0; i < pair.length(); i++) {
        assertThat(pair.typeIds()[i]).isEqualTo(i <= firstSep ? 0L : 1L);
      }
      assertThat(pair.ids()[31]).isEqualTo(SEP);
      assertThat(second.encodePair(shortQuery, longDoc).ids()).isEqualTo(pair.ids());

      String longQuery = "what is the capital city of the country of france ".repeat(5);
      TokenizedText both = longest.encodePair(longQuery, longDoc);
      assertThat(both.length()).isEqualTo(32);
      int sep = indexOf(both.ids(), SEP);
      assertThat(sep).as("longest-first cuts both sides to about half").isBetween(14, 17);
    }
  }

  @Test
  void batchesSortPadDynamicallyAndMapBack() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      texts.add("word ".repeat((i * 7) % 11 + 1));
    }
    try (TextTokenizer t = new TextTokenizer(tokenizerJson, 64, 0)) {
      List<TokenizedText> encoded = t.encodeAll(texts);
      List<TokenBatch> batches = t.batches(encoded, 4);
      assertThat(batches).hasSize(3);
      Set<Integer> seen = new HashSet<>();
      int previousWidth = Integer.MAX_VALUE;
      for (TokenBatch b : batches) {
        int width = b.sequenceLength();
        assertThat(width).isLessThanOrEqualTo(previousWidth);
        previousWidth = width;
        int longest = 0;
        for (int r = 0; r < b.size(); r++) {
          int index = b.positions()[r];
          assertThat(seen.add(index)).isTrue();
          TokenizedText original = encoded.get(index);
          longest = Math.max(longest, original.length());
          assertThat(Arrays.copyOf(b.ids()[r], original.length())).isEqualTo(original.ids());
          for (int c = 0; c < width; c++) {
            boolean real = c < original.length();
            assertThat(b.attentionMask()[r][c]).isEqualTo(real ? 1L : 0L);
            if (!real) {
              assertThat(b.ids()[r][c]).isEqualTo(0L);
            }
          }
        }
        assertThat(width).as("padded to its own longest").isEqualTo(longest);
      }
      assertThat(seen).hasSize(texts.size());
    }
  }

  private static int indexOf(long[] ids, long id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
