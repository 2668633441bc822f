package dev.finesynth.evaluation.report;

import dev.finesynth.evaluation.metrics.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of NDCG@k (solid) and recall@k (dashed) per checkpoint, as hand-written SVG so the
 * report needs no plotting library. Each point carries a tooltip with its exact value.
 */
public final class SvgChartWriter {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 440;
  private static final int LEFT = 70;
  private static final int RIGHT = WIDTH - 190; // the legend sits to the right of the plot
  private static final int TOP = 50;
  private static final int BOTTOM = HEIGHT - 60;
  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"
  };

  private SvgChartWriter() {}

  public static void write(RunEvaluation run, Path file) throws IOException {
    Files.writeString(file, render(run), StandardCharsets.UTF_8);
  }

  public static String render(RunEvaluation run) {
    List<String> series = new ArrayList<>();
    for (int k : run.ks()) {
      series.add(Metric.NDCG.at(k));
      series.add(Metric.RECALL.at(k));
    }
    double[] range = range(run, series);
    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0"
                    + " %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(svg, WIDTH / 2.0, 24, "middle", "NDCG and recall per checkpoint: " + run.runId(), 15);
    axes(svg, run, range);
    // one colour per k; NDCG solid, recall dashed
    for (int s = 0; s < series.size(); s++) {
      String colour = COLOURS[(s / 2) % COLOURS.length];
      line(svg, run, series.get(s), colour, s % 2 == 1, range);
      legend(svg, s, series.get(s), colour, s % 2 == 1);
    }
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, RunEvaluation run, double[] range) {
    long ticks = Math.round((range[1] - range[0]) / range[2]);
    for (int t = 0; t <= ticks; t++) {
      double value = range[0] + range[2] * t;
      double y = y(value, range);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
              LEFT,
              y,
              RIGHT,
              y));
      text(svg, LEFT - 8, y + 4, "end", String.format(Locale.ROOT, "%.2f", value), 12);
    }
    List<Checkpoint> checkpoints = run.checkpoints();
    for (int i = 0; i < checkpoints.size(); i++) {
      text(svg, x(i, checkpoints.size()), BOTTOM + 20, "middle", checkpoints.get(i).name(), 12);
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<path d=\"M%d %d V%d H%d\" fill=\"none\" stroke=\"black\"/>\n",
            LEFT,
            TOP,
            BOTTOM,
            RIGHT));
    text(svg, (LEFT + RIGHT) / 2.0, HEIGHT - 12, "middle", "checkpoint", 13);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\""
                + " transform=\"rotate(-90 18 %.1f)\">score</text>\n",
            (TOP + BOTTOM) / 2.0,
            (TOP + BOTTOM) / 2.0));
  }

  private static void line(
      StringBuilder svg,
      RunEvaluation run,
      String key,
      String colour,
      boolean dashed,
      double[] range) {
    List<Checkpoint> checkpoints = run.checkpoints();
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < checkpoints.size(); i++) {
      double value = RunEvaluation.mean(checkpoints.get(i), key);
      double x = x(i, checkpoints.size());
      double y = y(value, range);
      points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
      dots.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s %s: %.4f</title>"
                  + "</circle>\n",
              x,
              y,
              colour,
              escape(key),
              escape(checkpoints.get(i).name()),
              value));
    }
    svg.append(
            String.format(
                Locale.ROOT,
                "<polyline data-series=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\"%s/>\n",
                escape(key),
                points,
                colour,
                dashed ? " stroke-dasharray=\"6 4\"" : ""))
        .append(dots);
  }

  private static void legend(
      StringBuilder svg, int index, String key, String colour, boolean dashed) {
    double y = TOP + 10 + index * 22;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
            RIGHT + 20,
            y,
            RIGHT + 50,
            y,
            colour,
            dashed ? " stroke-dasharray=\"6 4\"" : ""));
    text(svg, RIGHT + 58, y + 4, "start", key, 12);
  }

  /**
   * Low, high and tick step: a round step (0.02, 0.05 or 0.1) and bounds on it, so ticks read 0.30,
   * 0.35, ... and small changes stay visible without being exaggerated.
   */
  private static double[] range(RunEvaluation run, List<String> series) {
    double min = 1;
    double max = 0;
    for (Checkpoint checkpoint : run.checkpoints()) {
      for (String key : series) {
        double value = RunEvaluation.mean(checkpoint, key);
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    double span = Math.max(0, max - min);
    double step = span <= 0.16 ? 0.02 : span <= 0.4 ? 0.05 : 0.1;
    double lo = Math.floor(min / step + 1e-9) * step;
    double hi = Math.ceil(max / step - 1e-9) * step;
    if (hi - lo < step) {
      hi = lo + step;
    }
    return new double[] {lo, hi, step};
  }

  private static double x(int index, int count) {
    return count == 1
        ? (LEFT + RIGHT) / 2.0
        : LEFT + 30 + (RIGHT - LEFT - 60.0) * index / (count - 1);
  }

  private static double y(double value, double[] range) {
    return BOTTOM - (BOTTOM - TOP) * (value - range[0]) / (range[1] - range[0]);
  }

  private static void text(
      StringBuilder svg, double x, double y, String anchor, String content, int size) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
            x,
            y,
            anchor,
            size,
            escape(content)));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
