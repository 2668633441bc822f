package dev.finesynth.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secured local stack's REST API keys: an operator key and a viewer key in files of their own,
 * their SHA-256 hashes in the key file the services read ({@code
 * finesynth.rest.auth.api-keys-file}).
 */
public final class RestKeys {
  private final Path folder;

  RestKeys(Path folder) {
    this.folder = folder;
  }

  /** The file of key hashes, made with fresh keys the first time. */
  public Path keyFile() {
    Path file = folder.resolve("api-keys");
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(folder);
      String lines =
          line(newKey("operator-key"), "finesynth-operator", "local-operator")
              + line(newKey("viewer-key"), "finesynth-viewer", "local-viewer");
      Files.writeString(file, lines);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's key ({@code X-API-Key}). */
  public String operator() {
    return read("operator-key");
  }

  /** The viewer's key. */
  public String viewer() {
    return read("viewer-key");
  }

  private String read(String name) {
    keyFile();
    try {
      return Files.readString(folder.resolve(name)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String newKey(String name) throws IOException {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Path file = folder.resolve(name);
    Files.writeString(file, key + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  private static String line(String key, String role, String name) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash) + " " + role + " " + name + "\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
