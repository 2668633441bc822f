package dev.finesynth.servicekit.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The accepted API keys, read from a file that holds only their SHA-256 hashes: one key a line as
 * {@code <sha-256 hex> <role>[,<role>...] [name]}, blank lines and {@code #} comment lines skipped.
 * Create a line with {@code printf %s "$KEY" | sha256sum}.
 */
public final class ApiKeys {
  public static final ApiKeys NONE = new ApiKeys(List.of());

  private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String FORMAT = "<sha-256 hex of the key> <role>[,<role>...] [name]";

  /** One accepted key: its hash, the roles it grants and the name its caller goes by. */
  public record ApiKey(byte[] hash, Set<String> roles, String name) {}

  private final List<ApiKey> keys;

  private ApiKeys(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Reads the key file; fails with the file and the line that is wrong. */
  public static ApiKeys load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the API key file " + file + " (finesynth.rest.auth.api-keys-file): " + e, e);
    }
    return parse(lines, file.toString());
  }

  /** Parses the lines of a key file named {@code source} in the errors. */
  public static ApiKeys parse(List<String> lines, String source) {
    List<ApiKey> keys = new ArrayList<>();
    List<Integer> lineOf = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      String[] fields = line.split("\\s+", 3);
      if (fields.length < 2) {
        throw malformed(source, number, "expected " + FORMAT);
      }
      if (!SHA_256_HEX.matcher(fields[0]).matches()) {
        // never echo the field: it may be a key written there by mistake
        throw malformed(
            source,
            number,
            "the first field is not a SHA-256 hash (64 hex digits); the file holds hashes of the"
                + " keys, never the keys: printf %s \"$KEY\" | sha256sum");
      }
      Set<String> roles = new LinkedHashSet<>();
      for (String role : fields[1].split(",")) {
        if (!RestRoles.ALL.contains(role)) {
          throw malformed(
              source,
              number,
              "unknown role '"
                  + role
                  + "' (roles: "
                  + RestRoles.OPERATOR
                  + ", "
                  + RestRoles.VIEWER
                  + ")");
        }
        roles.add(role);
      }
      byte[] hash = HexFormat.of().parseHex(fields[0].toLowerCase());
      for (int k = 0; k < keys.size(); k++) {
        if (Arrays.equals(keys.get(k).hash(), hash)) {
          throw malformed(source, number, "the same key as line " + lineOf.get(k));
        }
      }
      String name = fields.length == 3 ? fields[2] : "api-key-" + fields[0].substring(0, 8);
      keys.add(new ApiKey(hash, Set.copyOf(roles), name));
      lineOf.add(number);
    }
    return new ApiKeys(keys);
  }

  /**
   * The entry of a presented key. Every entry is compared, in constant time, whatever matches, so
   * the answer's timing tells nothing about the stored hashes.
   */
  public Optional<ApiKey> find(String presented) {
    byte[] hash = sha256(presented);
    ApiKey match = null;
    for (ApiKey key : keys) {
      if (MessageDigest.isEqual(key.hash(), hash)) {
        match = key;
      }
    }
    return Optional.ofNullable(match);
  }

  public int size() {
    return keys.size();
  }

  /** The hex SHA-256 of a key's UTF-8 bytes: what its line in the key file starts with. */
  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static IllegalStateException malformed(String source, int line, String problem) {
    return new IllegalStateException(
        "API key file " + source + ", line " + line + ": " + problem + "; each line is " + FORMAT);
  }
}
