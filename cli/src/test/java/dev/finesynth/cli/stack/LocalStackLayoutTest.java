package dev.finesynth.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ports, ids, folders and command lines of the instances; no process starts. */
class LocalStackLayoutTest {
  @TempDir Path dir;

  private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  private LocalStack stack() {
    return new LocalStack(dir, dir.resolve("state"), LocalStack.DEFAULT_BASE_PORT, quiet);
  }

  @Test
  void oneInstanceOfEachServiceOnTheDefaultPortsAsBefore() {
    LocalStack stack = stack();
    assertThat(stack.services())
        .extracting(ServiceProcess::id, ServiceProcess::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("miner-0", 8081),
            org.assertj.core.groups.Tuple.tuple("scorer-0", 8082),
            org.assertj.core.groups.Tuple.tuple("trainer-0", 8083),
            org.assertj.core.groups.Tuple.tuple("evaluator-0", 8084));
    assertThat(stack.service("trainer").maxHeap()).isEqualTo("4g");
    ServiceProcess miner = stack.service("miner");
    assertThat(stack.log(miner)).isEqualTo(dir.resolve("state/logs/miner.log"));
    assertThat(stack.pidFile(miner)).isEqualTo(dir.resolve("state/pids/miner.pid"));
  }

  @Test
  void furtherInstancesGetPortsFromTenUpAndTheirOwnFiles() {
    LocalStack stack = stack().withReplicas(Map.of("miner", 3, "scorer", 2));
    assertThat(stack.services()).hasSize(3 + 2 + 1 + 1);
    assertThat(stack.instances("miner"))
        .extracting(ServiceProcess::id, ServiceProcess::instance, ServiceProcess::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("miner-0", 0, 8081),
            org.assertj.core.groups.Tuple.tuple("miner-1", 1, 8091),
            org.assertj.core.groups.Tuple.tuple("miner-2", 2, 8101));
    assertThat(stack.instances("scorer"))
        .extracting(ServiceProcess::port)
        .containsExactly(8082, 8092);
    assertThat(stack.instances("trainer"))
        .extracting(ServiceProcess::id)
        .containsExactly("trainer-0");
    assertThat(stack.service("miner").id()).isEqualTo("miner-0");

    ServiceProcess miner1 = stack.instance("miner-1");
    assertThat(stack.log(miner1)).isEqualTo(dir.resolve("state/logs/miner-1.log"));
    assertThat(stack.pidFile(miner1)).isEqualTo(dir.resolve("state/pids/miner-1.pid"));
    assertThat(stack.home(miner1)).isEqualTo(dir.resolve("state/data/miner-1"));
    assertThat(stack.home(stack.service("miner"))).isEqualTo(dir.resolve("state/data/miner-0"));
    assertThat(stack.dataDir()).isEqualTo(dir.resolve("state/data/shared"));
    assertThat(stack.instance("scorer")).isEqualTo(stack.service("scorer"));
  }

  @Test
  void noTwoInstancesShareAPortIdOrFolder() {
    LocalStack stack = stack().withReplicas(12);
    List<ServiceProcess> all = stack.services();
    assertThat(all).hasSize(48);
    assertThat(new HashSet<>(all.stream().map(ServiceProcess::port).toList())).hasSize(48);
    assertThat(new HashSet<>(all.stream().map(ServiceProcess::id).toList())).hasSize(48);
    assertThat(new HashSet<>(all.stream().map(stack::home).toList())).hasSize(48);
    assertThat(new HashSet<>(all.stream().map(stack::log).toList())).hasSize(48);
    assertThat(all).noneMatch(s -> stack.home(s).equals(stack.dataDir()));
  }

  @Test
  void theCommandCarriesTheFoldersTheIdAndThePort() {
    LocalStack stack = stack().withReplicas(2).withTopicPrefix("t.");
    ServiceProcess scorer1 = stack.instance("scorer-1");
    List<String> command = stack.command(scorer1, "localhost:9092");
    assertThat(command.get(0)).isEqualTo("java");
    assertThat(command)
        .contains(
            "-Xmx2g",
            "-Dkafka.bootstrap.servers=localhost:9092",
            "-Dquarkus.http.port=8092",
            "-Dfinesynth.home=" + dir.resolve("state/data/scorer-1"),
            "-Dfinesynth.shared=" + dir.resolve("state/data/shared"),
            "-Dfinesynth.instance=scorer-1",
            "-Dfinesynth.topic-prefix=t.");
    assertThat(command.subList(command.size() - 2, command.size()))
        .containsExactly(
            "-jar", dir.resolve("scorer-service/target/quarkus-app/quarkus-run.jar").toString());
  }

  @Test
  void pinnedInstancesStartUnderTaskset() {
    LocalStack stack =
        stack().withReplicas(2).withCpuAffinity(Map.of("miner", "0-1", "miner-1", "2,3"));
    assertThat(stack.command(stack.instance("miner-0"), "k:1").subList(0, 4))
        .containsExactly("taskset", "-c", "0-1", "java");
    assertThat(stack.command(stack.instance("miner-1"), "k:1").subList(0, 4))
        .containsExactly("taskset", "-c", "2,3", "java");
    assertThat(stack.command(stack.instance("scorer-1"), "k:1").get(0)).isEqualTo("java");
    assertThatThrownBy(() -> stack().withCpuAffinity(Map.of("miner", "0;rm")))
        .hasMessageContaining("not a CPU list");
  }

  @Test
  void unknownServicesAndCountsBelowOneAreRefused() {
    assertThatThrownBy(() -> stack().withReplicas(Map.of("indexer", 2)))
        .hasMessageContaining("no service indexer");
    assertThatThrownBy(() -> stack().withReplicas(0)).hasMessageContaining("1 instance or more");
    assertThatThrownBy(() -> stack().instance("miner-5"))
        .hasMessageContaining("no instance miner-5");
  }

  @Test
  void stopAllFindsThePidFilesOfAnEarlierLargerStack() throws Exception {
    Path pids = Files.createDirectories(dir.resolve("state/pids"));
    // pids no process has (above the kernel's limit): stale files of instances up no longer lists
    Files.writeString(pids.resolve("miner.pid"), "99999999");
    Files.writeString(pids.resolve("miner-3.pid"), "99999999");
    Files.writeString(pids.resolve("evaluator-7.pid"), "99999999");
    Files.writeString(pids.resolve("notes.txt"), "kept");
    LocalStack stack = stack();
    assertThat(stack.stopAll()).isZero();
    try (var left = Files.list(pids)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
  }
}
