package dev.finesynth.encoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.finesynth.encoders.config.PoolingMode;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.tokenize.TokenizedText;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our PyTorch blocks, loaded from a bundled model's ONNX initializers, against ONNX Runtime running
 * that ONNX file on the same token ids, each text alone (no padding) and pooled as the model card
 * says.
 */
class OnnxParityTest {

  @ParameterizedTest
  @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2"})
  void pytorchMatchesOnnxRuntime(String name) throws Exception {
    List<String> texts = Sentences.varied();
    assertThat(texts).hasSizeGreaterThanOrEqualTo(50);
    EncoderOptions options = EncoderOptions.builder().optBatchSize(8).build();
    OrtEnvironment env = OrtEnvironment.getEnvironment(); // a singleton: not ours to close
    try (BiEncoder ours = BundledModels.load(name, options);
        OrtSession session = env.createSession(BundledModels.onnxFile(name).toString())) {
      List<float[]> vectors = ours.encode(texts);
      SentenceConfig sentence = ours.sentenceConfig();
      boolean sawTruncated = false;
      for (int i = 0; i < texts.size(); i++) {
        TokenizedText tokens = ours.tokenizer().encode(texts.get(i));
        sawTruncated |= tokens.length() == ours.tokenizer().maxLength();
        float[] reference = pool(run(env, session, tokens), tokens.length(), sentence.pooling());
        assertThat(Vectors.cosine(vectors.get(i), reference))
            .as("text %d: %s", i, texts.get(i))
            .isGreaterThanOrEqualTo(0.9999);
      }
      assertThat(sawTruncated).as("some text reached the max length").isTrue();
    }
  }

  @Test
  void onnxRuntimeBackendMatchesPyTorch() {
    List<String> texts = Sentences.varied().subList(0, 24);
    List<TextPair> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < texts.size(); i += 2) {
      pairs.add(new TextPair(texts.get(i), texts.get(i + 1)));
    }
    ModelSource source = BundledModels.source("bge-small-en-v1.5");
    EncoderOptions torch = EncoderOptions.builder().optBatchSize(8).build();
    EncoderOptions ort = torch.toBuilder().optBackend(Backend.ONNX_RUNTIME).build();
    try (BiEncoder a = BiEncoder.create(source, torch);
        BiEncoder b = BiEncoder.create(source, ort);
        CrossEncoder c = CrossEncoder.create(source, torch);
        CrossEncoder d = CrossEncoder.create(source, ort)) {
      List<float[]> x = a.encodeQueries(texts);
      List<float[]> y = b.encodeQueries(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(Vectors.cosine(x.get(i), y.get(i)))
            .as(texts.get(i))
            .isGreaterThanOrEqualTo(0.9999);
      }
      float[] s = c.score(pairs);
      float[] t = d.score(pairs);
      for (int i = 0; i < pairs.size(); i++) {
        assertThat(t[i]).as("pair %d", i).isCloseTo(s[i], within(1e-4f));
      }
      assertThatThrownBy(b::stateDict).isInstanceOf(IllegalStateException.class);
    }
  }

  static float[] run(OrtEnvironment env, OrtSession session, TokenizedText t) throws Exception {
    long[] shape = {1, t.length()};
    long[] mask = new long[t.length()];
    java.util.Arrays.fill(mask, 1);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(t.ids()), shape));
    inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
    inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(t.typeIds()), shape));
    try (OrtSession.Result result = session.run(inputs)) {
      FloatBuffer b = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] out = new float[b.remaining()];
      b.get(out);
      return out;
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Pooling of one unpadded sequence [T, H]; the cosine ignores normalisation. */
  static float[] pool(float[] hidden, int length, PoolingMode mode) {
    int h = hidden.length / length;
    float[] v = new float[h];
    if (mode == PoolingMode.CLS) {
      System.arraycopy(hidden, 0, v, 0, h);
      return v;
    }
    for (int t = 0; t < length; t++) {
      for (int j = 0; j < h; j++) {
        v[j] += hidden[t * h + j] / length;
      }
    }
    return v;
  }
}
