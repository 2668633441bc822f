package dev.finesynth.trainer.rest;

import dev.finesynth.servicekit.InMemoryChannels;
import dev.finesynth.servicekit.security.TestCredentials;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The trainer without a broker, taking the JWTs and API keys of {@link TestCredentials}. */
public class SecuredRestProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(InMemoryChannels.config());
    config.putAll(TestCredentials.config());
    config.put("quarkus.scheduler.enabled", "false");
    return config;
  }

  /** The broker of the *IT tests' resources is not needed here. */
  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
