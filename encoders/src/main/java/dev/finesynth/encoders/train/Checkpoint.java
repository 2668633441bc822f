package dev.finesynth.encoders.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.encoders.export.AtomicFolder;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything needed to continue a training run exactly: the weights, the optimizer's moments and
 * step, and where in the (seeded) shuffled data the run stands. The learning-rate schedule's
 * position is the optimizer step.
 *
 * <p>On disk, a folder written atomically ({@link AtomicFolder}): {@code model.safetensors} (every
 * parameter of the student's block by Hugging Face name, Dense modules as {@code
 * dense.<i>.linear.*}), {@code optimizer.safetensors} ({@code exp_avg.<name>}, {@code
 * exp_avg_sq.<name>}) and {@code trainer_state.json}.
 *
 * @param step the number of optimizer updates made
 * @param epoch the epoch the next batch belongs to (0-based)
 * @param batchInEpoch the index of the next batch within that epoch
 * @param seed the seed the shuffled order of every epoch derives from
 * @param batchSize the batch size the position counts in
 * @param dataSize the number of training examples the position counts in
 * @param tripletsPerQuery how the shuffled order grouped each query's triplets (see {@link
 *     ShuffledBatches}); 1 in checkpoints written before it was recorded
 */
public record Checkpoint(
    long step,
    int epoch,
    int batchInEpoch,
    long seed,
    int batchSize,
    int dataSize,
    int tripletsPerQuery,
    String optimizer,
    TensorMap model,
    TensorMap optimizerState) {

  public static final String MODEL = "model.safetensors";
  public static final String OPTIMIZER = "optimizer.safetensors";
  public static final String STATE = "trainer_state.json";
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes this checkpoint into {@code folder}, replacing an earlier one atomically. */
  public void write(Path folder) {
    AtomicFolder.write(
        folder,
        dir -> {
          Safetensors.write(dir.resolve(MODEL), model, Map.of("format", "pt"));
          Safetensors.write(dir.resolve(OPTIMIZER), optimizerState, Map.of());
          ObjectNode state = JSON.createObjectNode();
          state.put("format", FORMAT);
          state.put("step", step);
          state.put("epoch", epoch);
          state.put("batch_in_epoch", batchInEpoch);
          state.put("seed", seed);
          state.put("batch_size", batchSize);
          state.put("data_size", dataSize);
          state.put("triplets_per_query", tripletsPerQuery);
          state.put("optimizer", optimizer);
          Files.write(dir.resolve(STATE), JSON.writeValueAsBytes(state));
        });
  }

  /** Whether {@code folder} (or the backup of an interrupted write) holds a checkpoint. */
  public static boolean exists(Path folder) {
    return Files.isRegularFile(AtomicFolder.existing(folder).resolve(STATE));
  }

  public static Checkpoint read(Path folder) {
    Path dir = AtomicFolder.existing(folder);
    Path stateFile = dir.resolve(STATE);
    if (!Files.isRegularFile(stateFile)) {
      throw new IllegalArgumentException("no checkpoint in " + folder);
    }
    try {
      JsonNode state = JSON.readTree(stateFile.toFile());
      if (state.path("format").asInt() != FORMAT) {
        throw new IllegalArgumentException(
            stateFile + " has format " + state.path("format") + ", expected " + FORMAT);
      }
      return new Checkpoint(
          state.path("step").asLong(),
          state.path("epoch").asInt(),
          state.path("batch_in_epoch").asInt(),
          state.path("seed").asLong(),
          state.path("batch_size").asInt(),
          state.path("data_size").asInt(),
          state.path("triplets_per_query").asInt(1),
          state.path("optimizer").asText(),
          Safetensors.read(dir.resolve(MODEL)),
          Safetensors.read(dir.resolve(OPTIMIZER)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + folder, e);
    }
  }
}
