package dev.finesynth.cli;

import dev.finesynth.cli.stack.LocalStack;
import dev.finesynth.cli.stack.ReplicaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Start a local Kafka broker and the four services in the background, each as --replicas"
            + " instances.")
class UpCommand implements Callable<Integer> {
  @ParentCommand FinesynthCli cli;

  @Option(
      names = "--bootstrap-servers",
      description = "Use this Kafka cluster instead of starting a local broker.")
  String bootstrapServers;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Port of the local broker (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int kafkaPort;

  @Option(
      names = "--timeout",
      defaultValue = "180",
      description = "Seconds to wait for every service to be ready (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--secure",
      description =
          "Secure the local broker: SASL_SSL with SCRAM-SHA-512 and mTLS listeners only, ACLs, each"
              + " service as its own Kafka user (the deploy manifests' KafkaUsers).")
  boolean secure;

  @Mixin ReplicaOptions replicas = new ReplicaOptions();

  @Override
  public Integer call() throws Exception {
    LocalStack stack = replicas.applyTo(new LocalStack(cli.root(), System.out));
    String kafka =
        bootstrapServers != null ? bootstrapServers : stack.startBroker(kafkaPort, secure);
    System.out.println("kafka      " + kafka);
    stack
        .secrets()
        .ifPresent(
            secrets -> {
              Path state = cli.root().resolve(".finesynth");
              System.out.println(
                  "secured    SASL_SSL (SCRAM-SHA-512) on "
                      + kafka
                      + ", mTLS on "
                      + secrets.tlsBootstrapServers()
                      + "; the CLI uses "
                      + state.resolve("kafka-client.properties")
                      + ", other clients: --kafka-config "
                      + state.resolve("kafka-client-tls.properties"));
              Path keys = stack.restKeys().keyFile().getParent();
              System.out.println(
                  "REST       needs X-API-Key: "
                      + keys.resolve("operator-key")
                      + " (start, cancel, read), "
                      + keys.resolve("viewer-key")
                      + " (read)");
            });
    stack.startServices(kafka, Duration.ofSeconds(timeoutSeconds));
    System.out.println("finesynth is up; stop it with ./finesynth down");
    return 0;
  }
}
