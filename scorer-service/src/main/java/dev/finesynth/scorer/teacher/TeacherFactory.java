package dev.finesynth.scorer.teacher;

import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.teacher.EncoderSource;
import dev.finesynth.teacher.Teacher;
import dev.finesynth.teacher.Teachers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds, once per distinct spec, the teacher a run's models name, from the shared model cache. */
@Singleton
public class TeacherFactory implements EncoderSource {
  @Inject EncoderCache encoders;

  private final Map<String, Teacher> teachers = new ConcurrentHashMap<>();

  public Teacher forRun(RunSpec run) {
    String key = Teachers.describe(run.models()) + "|" + run.maxDocumentLength();
    return teachers.computeIfAbsent(
        key, k -> Teachers.fromSpec(run.models(), run.maxDocumentLength(), this));
  }

  @Override
  public BiEncoder biEncoder(String reference, int maxLength) {
    return encoders.biEncoder(reference, maxLength);
  }

  @Override
  public CrossEncoder crossEncoder(String reference, int maxLength) {
    return encoders.crossEncoder(reference, maxLength);
  }
}
