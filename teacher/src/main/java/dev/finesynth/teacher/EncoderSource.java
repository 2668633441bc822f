package dev.finesynth.teacher;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;

/** Where a teacher gets its models: a service's cache, or a benchmark's own instances. */
public interface EncoderSource {
  BiEncoder biEncoder(String reference, int maxLength);

  CrossEncoder crossEncoder(String reference, int maxLength);
}
