package dev.finesynth.encoders.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.finesynth.encoders.tokenize.TokenBatch;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs an ONNX export of the transformer with ONNX Runtime (inputs {@code input_ids}, {@code
 * attention_mask} and, when the graph has it, {@code token_type_ids}; output {@code
 * last_hidden_state}) and hands the hidden states to a Java head. An export of a classification
 * model (output {@code logits}) is taken as it is, its own head included. One session serves all
 * threads (ONNX Runtime's {@code run} is thread-safe); each call owns its input and output tensors.
 *
 * <p>Runners of the same file and thread count share one session (a bi-encoder and a cross-encoder
 * over one transformer load it once); it closes with the last of them.
 */
public final class OrtRunner implements InferenceRunner {
  private static final Map<String, Shared> SESSIONS = new HashMap<>();

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final String key;
  private final OrtSession session;
  private final Set<String> inputNames;
  private final HiddenStateHead head;

  /** {@code last_hidden_state} (a base model export) or {@code logits} (a task model export). */
  private final String output;

  private boolean closed;

  private static final class Shared {
    final OrtSession session;
    int users;

    Shared(OrtSession session) {
      this.session = session;
    }
  }

  private OrtRunner(String key, OrtSession session, HiddenStateHead head) throws OrtException {
    this.key = key;
    this.session = session;
    this.inputNames = session.getInputNames();
    Set<String> outputs = session.getOutputNames();
    if (outputs.contains("last_hidden_state")) {
      this.output = "last_hidden_state";
    } else if (outputs.contains("logits")) {
      this.output = "logits";
    } else {
      throw new IllegalArgumentException(
          "the ONNX model has neither last_hidden_state nor logits among " + outputs);
    }
    this.head = head;
  }

  /**
   * @param intraOpThreads threads per operator, or 0 for the cores this process may use
   */
  public static OrtRunner open(Path onnxFile, int intraOpThreads, HiddenStateHead head) {
    String key = onnxFile.toAbsolutePath().normalize() + "#" + intraOpThreads;
    synchronized (SESSIONS) {
      try {
        Shared shared = SESSIONS.get(key);
        if (shared == null) {
          shared = new Shared(newSession(onnxFile, intraOpThreads));
          SESSIONS.put(key, shared);
        }
        OrtRunner runner = new OrtRunner(key, shared.session, head);
        shared.users++;
        return runner;
      } catch (OrtException e) {
        throw new IllegalStateException("cannot open " + onnxFile, e);
      }
    }
  }

  private static OrtSession newSession(Path onnxFile, int intraOpThreads) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // ONNX Runtime's own default counts the machine's cores; the JVM's count honours taskset and
      // a container's CPU limit, so that pinned or limited instances do not oversubscribe
      options.setIntraOpNumThreads(
          intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors());
      return OrtEnvironment.getEnvironment().createSession(onnxFile.toString(), options);
    }
  }

  /** The model's output for {@code batch} flattened: hidden states [B, T, H] or logits [B, L]. */
  public float[] hiddenStates(TokenBatch batch) {
    long[] shape = {batch.size(), batch.sequenceLength()};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", tensor(batch.flatIds(), shape));
      inputs.put("attention_mask", tensor(batch.flatMask(), shape));
      if (inputNames.contains("token_type_ids")) {
        inputs.put("token_type_ids", tensor(batch.flatTypeIds(), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor hidden = (OnnxTensor) result.get(output).orElseThrow();
        FloatBuffer buffer = hidden.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed", e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public float[][] run(TokenBatch batch) {
    float[] hidden = hiddenStates(batch);
    if (output.equals("logits")) {
      return PtRunner.split(hidden, batch.size()); // the export already includes its head
    }
    int rows = batch.size() * batch.sequenceLength();
    return head.apply(hidden, batch, rows == 0 ? 0 : hidden.length / rows);
  }

  private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
    return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
  }

  @Override
  public void close() {
    synchronized (SESSIONS) {
      if (closed) {
        return;
      }
      closed = true;
      Shared shared = SESSIONS.get(key);
      if (--shared.users == 0) {
        SESSIONS.remove(key);
        try {
          shared.session.close();
        } catch (OrtException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
