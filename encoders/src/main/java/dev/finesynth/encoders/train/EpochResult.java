package dev.finesynth.encoders.train;

/**
 * The steps of one epoch that one call trained (after a resume, only the rest of the epoch).
 *
 * @param meanLoss the mean of the steps' losses
 * @param examplesPerSecond triplets per second over these steps
 * @param peakRssBytes the process's peak resident memory at the end, -1 where unknown
 */
public record EpochResult(
    int epoch, int steps, double meanLoss, double examplesPerSecond, long peakRssBytes) {}
