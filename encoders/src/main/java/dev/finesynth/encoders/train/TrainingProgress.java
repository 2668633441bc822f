package dev.finesynth.encoders.train;

/**
 * What one optimizer step did, for logs and progress events.
 *
 * @param epoch the epoch of the batch (0-based)
 * @param batchInEpoch the batch's index within its epoch (0-based)
 * @param step the number of updates made, this one included
 * @param totalSteps the number of updates the whole run makes
 * @param loss the batch's MarginMSE loss before the update
 * @param learningRate the rate this update used
 * @param gradNorm the global L2 norm of the gradients before clipping
 * @param examples the number of triplets in the batch
 * @param stepSeconds the wall time of this step (tokenizing, forward, backward, update)
 * @param examplesPerSecond triplets per second over this trainer's steps so far
 * @param peakRssBytes the process's peak resident memory so far, -1 where unknown
 */
public record TrainingProgress(
    int epoch,
    int batchInEpoch,
    long step,
    long totalSteps,
    float loss,
    float learningRate,
    double gradNorm,
    int examples,
    double stepSeconds,
    double examplesPerSecond,
    long peakRssBytes) {}
