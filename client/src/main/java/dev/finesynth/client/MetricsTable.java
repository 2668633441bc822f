package dev.finesynth.client;

import dev.finesynth.contracts.events.MetricEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The before/after table: one row per metric@k, one column per epoch (0 is the base model). */
public final class MetricsTable {
  private final Map<String, Map<Integer, Double>> values;
  private final TreeSet<Integer> epochs;

  private MetricsTable(Map<String, Map<Integer, Double>> values, TreeSet<Integer> epochs) {
    this.values = values;
    this.epochs = epochs;
  }

  /** The evaluator's metrics; a later value for the same cell wins (a re-evaluation). */
  public static MetricsTable of(List<MetricEvent> metrics) {
    Map<String, Map<Integer, Double>> values = new TreeMap<>();
    TreeSet<Integer> epochs = new TreeSet<>();
    for (MetricEvent m : metrics) {
      if (!m.stage().equals("evaluator")) {
        continue;
      }
      String key = m.k() > 0 ? m.metric() + "@" + m.k() : m.metric();
      values.computeIfAbsent(key, k -> new TreeMap<>()).put(m.epoch(), m.value());
      epochs.add(m.epoch());
    }
    return new MetricsTable(values, epochs);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public Double value(String metricAtK, int epoch) {
    return values.getOrDefault(metricAtK, Map.of()).get(epoch);
  }

  public int lastEpoch() {
    return epochs.isEmpty() ? 0 : epochs.last();
  }

  public Map<String, Map<Integer, Double>> rows() {
    return values;
  }

  public String render() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s", "metric"));
    for (int epoch : epochs) {
      out.append(String.format(Locale.ROOT, " %10s", epoch == 0 ? "base" : "epoch " + epoch));
    }
    out.append(String.format(Locale.ROOT, " %10s%n", "delta"));
    for (var row : values.entrySet()) {
      out.append(String.format(Locale.ROOT, "%-14s", row.getKey()));
      List<Double> cells = new ArrayList<>();
      for (int epoch : epochs) {
        Double v = row.getValue().get(epoch);
        cells.add(v);
        out.append(
            v == null
                ? String.format(Locale.ROOT, " %10s", "-")
                : String.format(Locale.ROOT, " %10.4f", v));
      }
      Double first = row.getValue().get(0);
      Double last = row.getValue().get(lastEpoch());
      out.append(
          first != null && last != null && lastEpoch() > 0
              ? String.format(Locale.ROOT, " %+10.4f%n", last - first)
              : String.format(Locale.ROOT, " %10s%n", "-"));
    }
    return out.toString();
  }
}
