package dev.finesynth.encoders.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where the hub is and where its files are cached, read as {@code huggingface_hub} reads them.
 *
 * @param endpoint {@code HF_ENDPOINT}, default {@code https://huggingface.co}
 * @param hubCache {@code HF_HUB_CACHE}, default {@code $HF_HOME/hub}; {@code HF_HOME} defaults to
 *     {@code $XDG_CACHE_HOME/huggingface} or {@code ~/.cache/huggingface}
 * @param token {@code HF_TOKEN}, else the {@code $HF_HOME/token} file; null when neither is set
 * @param offline {@code HF_HUB_OFFLINE} set to 1/true/yes/on: use the cache only
 * @param maxFileBytes {@code FINESYNTH_HUB_MAX_FILE_BYTES}, default {@value
 *     #DEFAULT_MAX_FILE_BYTES} (5 GiB, above the hub's usual 5 GB shards): a file the hub says is
 *     larger is not downloaded, and a download of a file of unknown size stops there
 */
public record HubSettings(
    URI endpoint, Path hubCache, String token, boolean offline, long maxFileBytes) {
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
  public static final long DEFAULT_MAX_FILE_BYTES = 5L << 30;
  public static final String MAX_FILE_BYTES = "FINESYNTH_HUB_MAX_FILE_BYTES";
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

  public HubSettings {
    String text = endpoint.toString();
    if (text.endsWith("/")) {
      endpoint = URI.create(text.substring(0, text.length() - 1));
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException(
          MAX_FILE_BYTES + " is " + maxFileBytes + ", must be a positive number of bytes");
    }
  }

  /** Settings with the default limit on the size of one file. */
  public HubSettings(URI endpoint, Path hubCache, String token, boolean offline) {
    this(endpoint, hubCache, token, offline, DEFAULT_MAX_FILE_BYTES);
  }

  /** Settings from system properties, falling back to environment variables of the same name. */
  public static HubSettings fromEnvironment() {
    Map<String, String> env = System.getenv();
    return from(
        name -> {
          String value = System.getProperty(name);
          return value != null ? value : env.get(name);
        });
  }

  static HubSettings from(UnaryOperator<String> lookup) {
    Path home;
    if (nonBlank(lookup.apply("HF_HOME"))) {
      home = Path.of(lookup.apply("HF_HOME"));
    } else if (nonBlank(lookup.apply("XDG_CACHE_HOME"))) {
      home = Path.of(lookup.apply("XDG_CACHE_HOME"), "huggingface");
    } else {
      home = Path.of(System.getProperty("user.home"), ".cache", "huggingface");
    }
    Path cache =
        nonBlank(lookup.apply("HF_HUB_CACHE"))
            ? Path.of(lookup.apply("HF_HUB_CACHE"))
            : home.resolve("hub");
    String endpoint =
        nonBlank(lookup.apply("HF_ENDPOINT")) ? lookup.apply("HF_ENDPOINT") : DEFAULT_ENDPOINT;
    String token = lookup.apply("HF_TOKEN");
    if (!nonBlank(token)) {
      token = readTokenFile(home.resolve("token"));
    }
    String offline = lookup.apply("HF_HUB_OFFLINE");
    return new HubSettings(
        URI.create(endpoint),
        cache,
        token,
        offline != null && TRUE.contains(offline.trim().toLowerCase(Locale.ROOT)),
        maxFileBytes(lookup.apply(MAX_FILE_BYTES)));
  }

  public HubSettings withOffline(boolean offline) {
    return new HubSettings(endpoint, hubCache, token, offline, maxFileBytes);
  }

  public HubSettings withMaxFileBytes(long maxFileBytes) {
    return new HubSettings(endpoint, hubCache, token, offline, maxFileBytes);
  }

  private static long maxFileBytes(String text) {
    if (!nonBlank(text)) {
      return DEFAULT_MAX_FILE_BYTES;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          MAX_FILE_BYTES + " is '" + text + "', must be a number of bytes", e);
    }
  }

  private static String readTokenFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hub token file " + file, e);
    }
  }

  private static boolean nonBlank(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return "HubSettings[endpoint="
        + endpoint
        + ", hubCache="
        + hubCache
        + ", token="
        + (token == null ? "none" : "set")
        + ", offline="
        + offline
        + ", maxFileBytes="
        + maxFileBytes
        + "]";
  }
}
