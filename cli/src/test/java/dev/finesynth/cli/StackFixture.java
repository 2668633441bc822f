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
    return start(environment, Map.of(), true);
  }

  /**
   * A stack laid out with {@code replicas} instances per service; with {@code all} false only the
   * first instance of each starts (the test starts the others with {@code stack.start(id, ...)}).
   */
  static StackFixture start(
      Map<String, String> environment, Map<String, Integer> replicas, boolean all)
      throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("finesynth-stack-");
    String prefix = "it-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".";
    LocalStack stack =
        new LocalStack(KafkaBroker.projectRoot(), state, freePortRun(), System.out)
            .withTopicPrefix(prefix)
            .withEnvironment(environment)
            .withReplicas(replicas);
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
    if (all) {
      stack.startServices(KafkaBroker.bootstrapServers(), Duration.ofMinutes(3));
    } else {
      for (String service : java.util.List.of("miner", "scorer", "trainer", "evaluator")) {
        stack.start(service + "-0", KafkaBroker.bootstrapServers(), Duration.ofMinutes(3));
      }
    }
    return fixture;
  }

  String prefix() {
    return stack.topicPrefix();
  }

  HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
    URI uri = URI.create(stack.service(service).url() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A base port whose instance ports (four per instance, up to four instances) are free. */
  static int freePortRun() throws IOException {
    Random random = new Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + random.nextInt(20_000);
      boolean free = true;
      for (int i = 0; i < 4 && free; i++) {
        for (int k = 0; k < 4 && free; k++) {
          free = free(base + LocalStack.INSTANCE_PORT_STRIDE * i + k);
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free run of ports found");
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
