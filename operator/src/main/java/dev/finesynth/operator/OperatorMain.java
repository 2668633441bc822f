package dev.finesynth.operator;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.kafka.KafkaSecurity;
import dev.finesynth.contracts.topics.Topics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the operator in a pod: the Kubernetes API from the service account, Kafka from the same
 * settings as the services (KAFKA_BOOTSTRAP_SERVERS, the KafkaUser secret folder, the cluster CA).
 */
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    KafkaConnection kafka =
        KafkaConnection.of(
            env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
            KafkaSecurity.fromEnvironment(env));
    FinesynthClient client =
        FinesynthClient.connect(
            kafka, env.getOrDefault("FINESYNTH_TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
    KubernetesClient kubernetes = new KubernetesClientBuilder().build();
    // its own namespace, where the Role lets it work; FINESYNTH_OPERATOR_NAMESPACE=* for all
    String namespace = env.getOrDefault("FINESYNTH_OPERATOR_NAMESPACE", kubernetes.getNamespace());
    Path shared = Path.of(env.getOrDefault("FINESYNTH_SHARED", "/var/lib/finesynth-shared"));
    Operator operator =
        new Operator(kubernetes, client, "*".equals(namespace) ? null : namespace, shared);
    int port = Integer.parseInt(env.getOrDefault("FINESYNTH_OPERATOR_PORT", "8085"));
    try (HealthEndpoints health = new HealthEndpoints(port, operator::ready)) {
      operator.start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      operator.close();
                    } catch (InterruptedException ignored) {
                      Thread.currentThread().interrupt();
                    }
                    stopped.countDown();
                  }));
      stopped.await();
    }
  }
}
