package dev.finesynth.cli;

import dev.finesynth.cli.stack.LocalStack;
import dev.finesynth.testing.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/** The four services as real processes on the test broker, each test class on its own ports. */
final class StackFixture implements AutoCloseable {
  final LocalStack stack;
  final Path state;
  final HttpClient http = HttpClient.newHttpClient();

  private StackFixture(LocalStack stack, Path state) {
    this.stack = stack;
    this.state = state;
  }

  static StackFixture start() throws IOException, InterruptedException {
    return start(Map.of());
  }

  /** With these variables added to the services' environment. */
  static StackFixture start(Map<String, String> environment)
      throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("finesynth-stack-");
    String prefix = "it-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".";
    LocalStack stack =
        new LocalStack(KafkaBroker.projectRoot(), state, freePortRun(), System.out)
            .withTopicPrefix(prefix)
            .withEnvironment(environment);
    StackFixture fixture = new StackFixture(stack, state);
    // a crashed or killed test JVM must not leave services behind
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stack.stopAll();
                  } catch (Exception ignored) {
                    // best effort at exit
                  }
                }));
    stack.startServices(KafkaBroker.bootstrapServers(), Duration.ofMinutes(3));
    return fixture;
  }

  String prefix() {
    return stack.topicPrefix();
  }

  HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
    URI uri = URI.create(stack.service(service).url() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Four consecutive free ports. */
  private static int freePortRun() throws IOException {
    Random random = new Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + random.nextInt(20_000);
      if (free(base) && free(base + 1) && free(base + 2) && free(base + 3)) {
        return base;
      }
    }
    throw new IOException("no four consecutive free ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the services and deletes their state (the shared broker is not this stack's). */
  @Override
  public void close() throws Exception {
    stack.stopAll(true);
    stack.deleteState();
  }
}
