package dev.finesynth.encoders.train;

/** Receives every step's progress, on the training thread, before the next step starts. */
@FunctionalInterface
public interface ProgressListener {
  void onStep(TrainingProgress progress);
}
