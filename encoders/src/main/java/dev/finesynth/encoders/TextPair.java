package dev.finesynth.encoders;

/** A (query, document) pair for a cross-encoder. */
public record TextPair(String query, String document) {}
