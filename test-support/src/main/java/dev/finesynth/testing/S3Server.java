package dev.finesynth.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real S3 API for the tests of a JVM: s3proxy (its jar, from the local Maven repository) run as
 * its own process with the in-memory {@code transient-nio2} backend, AWS v4 signatures from {@link
 * #IDENTITY} and {@link #CREDENTIAL}, on a free loopback port. Started once per JVM, stopped at
 * exit. Each test makes its own bucket.
 */
public final class S3Server {
  /** The access key id the server accepts. */
  public static final String IDENTITY = "finesynth-test";

  /** The secret access key the server accepts. */
  public static final String CREDENTIAL = "finesynth-test-secret";

  private static final Duration START = Duration.ofSeconds(90);
  private static URI endpoint;

  private S3Server() {}

  /** The server's address, {@code http://127.0.0.1:<port>}, once it answers. */
  public static synchronized URI endpoint() {
    if (endpoint == null) {
      endpoint = start();
    }
    return endpoint;
  }

  private static URI start() {
    try {
      Path dir = Files.createTempDirectory("finesynth-s3proxy-");
      int port = freePort();
      URI address = URI.create("http://127.0.0.1:" + port);
      Properties settings = new Properties();
      settings.setProperty("s3proxy.endpoint", address.toString());
      settings.setProperty("s3proxy.authorization", "aws-v4");
      settings.setProperty("s3proxy.identity", IDENTITY);
      settings.setProperty("s3proxy.credential", CREDENTIAL);
      settings.setProperty("jclouds.provider", "transient-nio2");
      settings.setProperty("jclouds.identity", "unused");
      settings.setProperty("jclouds.credential", "unused");
      Path file = dir.resolve("s3proxy.properties");
      try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        settings.store(out, "finesynth test S3 server");
      }
      Path log = dir.resolve("s3proxy.log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-jar",
                  jar().toString(),
                  "--properties",
                  file.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, dir)));
      try {
        await()
            .atMost(START)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> !process.isAlive() || answers(port));
      } catch (ConditionTimeoutException e) {
        throw new IllegalStateException(
            "s3proxy did not answer on port " + port + " within " + START + ": " + tail(log));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "s3proxy exited with " + process.exitValue() + ": " + tail(log));
      }
      return address;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start s3proxy", e);
    }
  }

  /** {@code -Ds3proxy.jar}, else the jar Maven resolved when it built this module. */
  static Path jar() throws IOException {
    String configured = System.getProperty("s3proxy.jar");
    if (configured == null) {
      Properties resolved = new Properties();
      try (InputStream in = S3Server.class.getResourceAsStream("s3proxy.properties")) {
        resolved.load(in);
      }
      configured = resolved.getProperty("jar");
    }
    Path jar = Path.of(configured);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no s3proxy jar at "
              + jar
              + ": build finesynth-test-support with Maven (it resolves org.gaul:s3proxy), or set"
              + " -Ds3proxy.jar");
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void stop(Process process, Path dir) {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // a temporary folder left behind
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
