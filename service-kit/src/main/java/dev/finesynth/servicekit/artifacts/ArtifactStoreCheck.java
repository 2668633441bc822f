package dev.finesynth.servicekit.artifacts;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service that keeps artifacts (the trainer, the evaluator) when its artifact
 * store cannot work: {@code s3} without a bucket, or a bucket it cannot reach with its credentials.
 * Services that keep none (the miner, the scorer) have no {@link SharedArtifacts} bean (nothing
 * injects it, so the build removes it) and are left alone.
 */
@Singleton
public class ArtifactStoreCheck {
  private static final Logger LOG = Logger.getLogger(ArtifactStoreCheck.class);

  void onStart(@Observes @Priority(2) StartupEvent event, BeanManager beans) {
    Set<Bean<?>> found = beans.getBeans(SharedArtifacts.class);
    if (found.isEmpty()) {
      return;
    }
    Bean<?> bean = beans.resolve(found);
    // making it makes the store, which checks its bucket
    Object artifacts =
        beans.getReference(bean, SharedArtifacts.class, beans.createCreationalContext(bean));
    LOG.infof("artifacts in %s", artifacts);
  }
}
