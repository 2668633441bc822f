package dev.finesynth.evaluator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dozen product documents, two train and four test queries with graded judgments, in BEIR layout:
 * small enough to embed in a second, real enough for a model to rank.
 */
public final class TinyBeir {
  private TinyBeir() {}

  public static final List<String> TEST_QUERIES = List.of("t1", "t2", "t3", "t4");

  public static Path write(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("qrels"));
    Files.write(
        folder.resolve("corpus.jsonl"),
        List.of(
            doc("d1", "Voltra 65W USB-C charger", "GaN wall charger with two USB-C ports."),
            doc("d2", "Braided USB-C cable", "Two metre cable, 100 W power delivery."),
            doc("d3", "Noise cancelling headphones", "Over-ear, 30 hours of battery life."),
            doc("d4", "Wireless earbuds", "In-ear buds with a charging case, water resistant."),
            doc("d5", "Mechanical keyboard", "Tenkeyless keyboard with brown switches."),
            doc("d6", "Ergonomic mouse", "Vertical wireless mouse that eases wrist strain."),
            doc("d7", "27 inch 4K monitor", "IPS panel, USB-C input, height adjustable stand."),
            doc("d8", "Laptop stand", "Aluminium stand that raises the screen to eye level."),
            doc("d9", "Portable SSD 1TB", "Pocket solid state drive, 1050 MB/s over USB-C."),
            doc("d10", "Webcam 1080p", "Full HD camera with a privacy shutter and microphone."),
            doc("d11", "Smart light bulb", "Colour bulb controlled from a phone app over wifi."),
            doc("d12", "Power bank 20000 mAh", "Battery pack that charges a phone four times.")));
    Files.write(
        folder.resolve("queries.jsonl"),
        List.of(
            query("r1", "keyboard for typing"),
            query("r2", "external drive"),
            query("t1", "fast charger for my laptop"),
            query("t2", "headphones that block noise on a plane"),
            query("t3", "screen for working from home"),
            query("t4", "camera for video calls")));
    Files.write(
        folder.resolve("qrels/train.tsv"),
        List.of("query-id\tcorpus-id\tscore", "r1\td5\t1", "r2\td9\t1"));
    Files.write(
        folder.resolve("qrels/test.tsv"),
        List.of(
            "query-id\tcorpus-id\tscore",
            "t1\td1\t2",
            "t1\td12\t1",
            "t2\td3\t2",
            "t2\td4\t1",
            "t3\td7\t2",
            "t3\td8\t1",
            "t4\td10\t2"));
    return folder;
  }

  private static String doc(String id, String title, String text) {
    return "{\"_id\":\"" + id + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\"}";
  }

  private static String query(String id, String text) {
    return "{\"_id\":\"" + id + "\",\"text\":\"" + text + "\"}";
  }
}
