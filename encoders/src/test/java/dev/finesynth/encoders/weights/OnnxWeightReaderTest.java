package dev.finesynth.encoders.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.encoders.BundledModels;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxWeightReaderTest {

  @Test
  void readsHuggingFaceNamesAndTransposesMatMulWeights() throws Exception {
    Path onnx = BundledModels.onnxFile("all-minilm-l6-v2");
    TensorMap weights = OnnxWeightReader.read(onnx);
    assertThat(weights.names()).doesNotContain("embeddings.position_ids");
    assertThat(weights.names()).noneMatch(n -> n.startsWith("onnx::") || n.startsWith("/"));
    assertThat(weights.size()).isEqualTo(5 + 6 * 16);
    for (int layer = 0; layer < 6; layer++) {
      String p = "encoder.layer." + layer + ".";
      assertThat(weights.get(p + "attention.self.query.weight").shape()).containsExactly(384, 384);
      assertThat(weights.get(p + "intermediate.dense.weight").shape()).containsExactly(1536, 384);
      assertThat(weights.get(p + "output.dense.weight").shape()).containsExactly(384, 1536);
    }

    List<OnnxWeightReader.Initializer> index = OnnxWeightReader.index(onnx);
    OnnxWeightReader.Initializer ffn =
        index.stream()
            .filter(i -> i.hfName().equals("encoder.layer.3.intermediate.dense.weight"))
            .findFirst()
            .orElseThrow();
    assertThat(ffn.transposed()).isTrue();
    assertThat(ffn.onnxName()).startsWith("onnx::MatMul_");
    assertThat(ffn.onnxShape()).containsExactly(384, 1536);
    float[] stored = rawFloats(onnx, ffn.rawDataOffset(), 384 * 1536);
    float[] torchLayout = weights.get(ffn.hfName()).toFloats();
    for (int in = 0; in < 384; in += 37) {
      for (int out = 0; out < 1536; out += 101) {
        assertThat(torchLayout[out * 384 + in]).isEqualTo(stored[in * 1536 + out]);
      }
    }
  }

  private static float[] rawFloats(Path file, long offset, int count) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      byte[] bytes = new byte[count * 4];
      f.seek(offset);
      f.readFully(bytes);
      float[] out = new float[count];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }
  }
}
