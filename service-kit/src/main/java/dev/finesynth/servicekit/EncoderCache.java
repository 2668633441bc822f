package dev.finesynth.servicekit;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
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
            k -> timed(reference, () -> encoders.inferenceBiEncoder(reference, maxLength)));
  }

  public CrossEncoder crossEncoder(String reference, int maxLength) {
    return (CrossEncoder)
        open.computeIfAbsent(
            "cross|" + reference + "|" + maxLength,
            k -> timed(reference, () -> encoders.inferenceCrossEncoder(reference, maxLength)));
  }

  public ModelKind kindOf(String reference) {
    return encoders.kindOf(reference);
  }

  private static <T> T timed(String reference, java.util.function.Supplier<T> loader) {
    long start = System.nanoTime();
    T model = loader.get();
    LOG.infof("loaded %s in %d ms", reference, (System.nanoTime() - start) / 1_000_000);
    return model;
  }

  @PreDestroy
  public void close() {
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
