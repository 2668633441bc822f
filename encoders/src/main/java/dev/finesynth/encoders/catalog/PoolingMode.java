package dev.finesynth.encoders.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How token vectors become one sentence vector, named as sentence-transformers names them. */
public enum PoolingMode {
  CLS("cls", "pooling_mode_cls_token"),
  MEAN("mean", "pooling_mode_mean_tokens"),
  MAX("max", "pooling_mode_max_tokens"),
  MEAN_SQRT_LEN("mean_sqrt_len_tokens", "pooling_mode_mean_sqrt_len_tokens"),
  WEIGHTED_MEAN("weightedmean", "pooling_mode_weightedmean_tokens"),
  LAST_TOKEN("lasttoken", "pooling_mode_lasttoken");

  private final String shortName;
  private final String configKey;

  PoolingMode(String shortName, String configKey) {
    this.shortName = shortName;
    this.configKey = configKey;
  }

  /** The name sentence-transformers accepts as {@code pooling_mode}, e.g. {@code mean}. */
  public String shortName() {
    return shortName;
  }

  /** The flag in {@code 1_Pooling/config.json}, e.g. {@code pooling_mode_mean_tokens}. */
  public String configKey() {
    return configKey;
  }

  public static PoolingMode of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.shortName.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown pooling mode '"
                        + name
                        + "', expected one of "
                        + Arrays.stream(values())
                            .map(PoolingMode::shortName)
                            .collect(Collectors.joining(", "))));
  }
}
