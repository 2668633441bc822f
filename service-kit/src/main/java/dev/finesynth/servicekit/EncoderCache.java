package dev.finesynth.servicekit;

import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.encoders.catalog.ModelKind;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The encoders a service has opened, by model reference and max length. Loading a model takes
 * seconds, so each is opened once and shared; encoders are safe for concurrent callers.
 */
@Singleton
public class EncoderCache {
  private static final Logger LOG = Logger.getLogger(EncoderCache.class);

  private final Encoders encoders = Encoders.fromEnvironment();
  private final Map<String, AutoCloseable> open = new ConcurrentHashMap<>();

  public BiEncoder biEncoder(String reference, int maxLength) {
    return (BiEncoder)
        open.computeIfAbsent(
            "bi|" + reference + "|" + maxLength,
            k ->
                timed(
                    reference,
                    () -> {
                      try {
                        return encoders.biEncoder(reference, options(maxLength));
                      } catch (RuntimeException noOnnxFile) {
                        return encoders.biEncoder(reference, pytorch(maxLength));
                      }
                    }));
  }

  public CrossEncoder crossEncoder(String reference, int maxLength) {
    return (CrossEncoder)
        open.computeIfAbsent(
            "cross|" + reference + "|" + maxLength,
            k ->
                timed(
                    reference,
                    () -> {
                      try {
                        return encoders.crossEncoder(reference, options(maxLength));
                      } catch (RuntimeException noOnnxFile) {
                        return encoders.crossEncoder(reference, pytorch(maxLength));
                      }
                    }));
  }

  public ModelKind kindOf(String reference) {
    return encoders.kindOf(reference);
  }

  /**
   * Inference runs on ONNX Runtime where the model has an ONNX file (the bundled ones do): it was
   * 1.1-1.4x faster than PyTorch here and degrades far less when the cores are shared. Models
   * without one run on PyTorch.
   */
  private static EncoderOptions options(int maxLength) {
    return EncoderOptions.builder()
        .optMaxLength(maxLength)
        .optBackend(Backend.ONNX_RUNTIME)
        .build();
  }

  private static EncoderOptions pytorch(int maxLength) {
    return EncoderOptions.builder().optMaxLength(maxLength).optBackend(Backend.PYTORCH).build();
  }

  private static <T> T timed(String reference, java.util.function.Supplier<T> loader) {
    long start = System.nanoTime();
    T model = loader.get();
    LOG.infof("loaded %s in %d ms", reference, (System.nanoTime() - start) / 1_000_000);
    return model;
  }

  @PreDestroy
  void close() {
    open.values()
        .forEach(
            model -> {
              try {
                model.close();
              } catch (Exception e) {
                LOG.warn("closing a model failed", e);
              }
            });
  }
}
