package dev.finesynth.client;

/** One query or document read from a user's file. */
public record TextRecord(String id, String title, String text) {}
