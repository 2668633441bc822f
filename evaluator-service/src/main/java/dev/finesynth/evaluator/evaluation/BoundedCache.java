package dev.finesynth.evaluator.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A few large values, least recently used out first: held-out sets and corpus vectors are big and
 * few runs share them at a time, so a handful is plenty and memory stays bounded.
 */
final class BoundedCache<K, V> {
  private final Map<K, V> entries;

  BoundedCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached value, else {@code loader}'s (not kept when it throws). */
  synchronized V get(K key, Supplier<V> loader) {
    V value = entries.get(key);
    if (value == null) {
      value = loader.get();
      entries.put(key, value);
    }
    return value;
  }

  synchronized V peek(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  synchronized int size() {
    return entries.size();
  }
}
