package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void keepsTheMostRecentlyUsedEntries() {
    BoundedCache<String, String> cache = new BoundedCache<>(2);
    cache.get("a", () -> "A");
    cache.get("b", () -> "B");
    cache.get("a", () -> "unused"); // a is now the most recent
    cache.get("c", () -> "C"); // evicts b

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.peek("a")).isEqualTo("A");
    assertThat(cache.peek("b")).isNull();
    assertThat(cache.peek("c")).isEqualTo("C");
  }

  @Test
  void loadsOnceAndForgetsFailures() {
    BoundedCache<String, String> cache = new BoundedCache<>(2);
    AtomicInteger loads = new AtomicInteger();
    assertThatThrownBy(
            () ->
                cache.get(
                    "a",
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    cache.get("a", () -> "A" + loads.incrementAndGet());
    cache.get("a", () -> "A" + loads.incrementAndGet());

    assertThat(loads).hasValue(1);
    assertThat(cache.peek("a")).isEqualTo("A1");
  }

  @Test
  void capacityZeroKeepsNothing() {
    BoundedCache<String, String> cache = new BoundedCache<>(0);
    assertThat(cache.get("a", () -> "A")).isEqualTo("A");
    assertThat(cache.size()).isZero();
  }
}
