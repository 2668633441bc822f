package dev.finesynth.encoders;

import java.util.ArrayList;
import java.util.List;

/** Varied test texts: ordinary, near-empty, non-ASCII, and longer than any model's limit. */
final class Sentences {
  private Sentences() {}

  static List<String> varied() {
    List<String> out =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "a",
                "?",
                "Hello world.",
                "How do I reset my password?",
                "The quick brown fox jumps over the lazy dog.",
                "Kafka partitions are ordered, append-only logs.",
                "what is the capital of france",
                "Paris is the capital and most populous city of France.",
                "Photosynthesis converts light energy into chemical energy in plants.",
                "Café crème brûlée à la carte, naïve façade, coöperate.",
                "Übermäßig große Straßenbahnhaltestellen in München.",
                "東京は日本の首都です。",
                "北京是中华人民共和国的首都。",
                "서울은 대한민국의 수도이다.",
                "Москва — столица России.",
                "القاهرة هي عاصمة مصر.",
                "שלום עולם",
                "नमस्ते दुनिया",
                "Emoji test 🚀🔥👍 with mixed 😀 content",
                "Math: ∑_{i=1}^{n} i = n(n+1)/2 and √2 ≈ 1.414",
                "C++ templates vs. Java generics: a comparison",
                "SELECT * FROM users WHERE id = 42;",
                "https://example.com/path?query=value&other=1",
                "user@example.com wrote: \"see you at 10:30am\"",
                "1234567890 0987654321",
                "   leading and trailing spaces   ",
                "tabs\tand\nnewlines\r\ninside",
                "ALL CAPS SENTENCE ABOUT DATABASES",
                "mIxEd CaSe TeXt",
                "The mitochondria is the powerhouse of the cell.",
                "Machine learning models require careful evaluation on held-out data.",
                "How many grams are in a kilogram?",
                "There are one thousand grams in a kilogram.",
                "Best pizza places near me open late",
                "The Eiffel Tower was completed in 1889.",
                "Why is the sky blue?",
                "Rayleigh scattering makes the sky appear blue during the day.",
                "Symptoms of vitamin D deficiency include fatigue and bone pain.",
                "def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)",
                "¿Dónde está la biblioteca?",
                "Ça va? Oui, très bien, merci!",
                "ñ ü ö ä ß é è ê ë",
                "a b c d e f g h i j k l m n o p q r s t u v w x y z",
                "supercalifragilisticexpialidocious antidisestablishmentarianism",
                "--- *** ### !!! ???",
                "0",
                "The patient was prescribed 20mg of atorvastatin daily."));
    String paragraph =
        "Search engines rank documents by estimating their relevance to a query. Modern"
            + " systems combine lexical signals such as term frequency with dense vector"
            + " representations produced by transformer encoders, then rerank the best"
            + " candidates with a cross-encoder that reads the query and document together. ";
    out.add(paragraph.repeat(12));
    out.add("word ".repeat(700));
    out.add("日本語の長い文章。".repeat(120));
    out.add(paragraph.repeat(3) + "Ünïcödé tail 🚀");
    return out;
  }
}
