package dev.finesynth.servicekit.security;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Credentials for a service's REST tests: an RSA key pair made for the test JVM, whose public half
 * the service verifies JWTs with, and an API key file with an operator's and a viewer's key. Files
 * go to a temporary folder named in a system property, so the test profile and the test (loaded by
 * different class loaders) share one set.
 */
public final class TestCredentials {
  public static final String ISSUER = "https://finesynth.test/issuer";
  public static final String OPERATOR_KEY = "operator-test-key";
  public static final String VIEWER_KEY = "viewer-test-key";
  private static final String FOLDER = "dev.finesynth.test.rest-credentials";

  private TestCredentials() {}

  /** The settings that make a service accept these credentials. */
  public static Map<String, String> config() {
    Path folder = folder();
    return Map.of(
        "mp.jwt.verify.publickey.location",
        folder.resolve("public.pem").toString(),
        "mp.jwt.verify.issuer",
        ISSUER,
        "finesynth.rest.auth.api-keys-file",
        folder.resolve("api-keys").toString(),
        // the services' test profile turns authentication off for the messaging tests
        "finesynth.rest.auth.enabled",
        "true");
  }

  /** A token of {@link #ISSUER} with {@code groups}, signed with the test key. */
  public static String token(String... groups) {
    return sign(groups, privateKey(folder().resolve("private.pem")));
  }

  /** The same token, signed by a key the service does not know. */
  public static String foreignToken(String... groups) {
    return sign(groups, generate().getPrivate());
  }

  private static String sign(String[] groups, PrivateKey key) {
    return Jwt.issuer(ISSUER)
        .subject("test-user")
        .groups(Set.of(groups))
        .expiresIn(300)
        .jws()
        .keyId("test")
        .sign(key);
  }

  private static synchronized Path folder() {
    String existing = System.getProperty(FOLDER);
    if (existing != null) {
      return Path.of(existing);
    }
    try {
      Path folder = Files.createTempDirectory("finesynth-rest-auth-");
      // deleted in reverse order at exit: the files, then the folder
      folder.toFile().deleteOnExit();
      for (String file : new String[] {"public.pem", "private.pem", "api-keys"}) {
        folder.resolve(file).toFile().deleteOnExit();
      }
      KeyPair pair = generate();
      Files.writeString(folder.resolve("public.pem"), pem("PUBLIC", pair.getPublic().getEncoded()));
      Files.writeString(
          folder.resolve("private.pem"), pem("PRIVATE", pair.getPrivate().getEncoded()));
      Files.writeString(
          folder.resolve("api-keys"),
          "# test keys\n"
              + ApiKeys.sha256Hex(OPERATOR_KEY)
              + " "
              + RestRoles.OPERATOR
              + " ci-operator\n"
              + ApiKeys.sha256Hex(VIEWER_KEY)
              + " "
              + RestRoles.VIEWER
              + "\n");
      System.setProperty(FOLDER, folder.toString());
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey privateKey(Path pem) {
    try {
      String base64 =
          Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN "
        + kind
        + " KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + kind
        + " KEY-----\n";
  }
}
