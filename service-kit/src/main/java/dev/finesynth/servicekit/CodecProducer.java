package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.validation.EventLimits;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One event codec per service, with the configured size limits. */
public class CodecProducer {
  @Produces
  @Singleton
  EventCodec codec(FinesynthConfig config) {
    return new EventCodec(EventLimits.ofTextChars(config.events().maxTextChars()));
  }
}
