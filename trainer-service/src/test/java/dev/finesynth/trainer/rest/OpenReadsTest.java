package dev.finesynth.trainer.rest;

import static io.restassured.RestAssured.given;

import dev.finesynth.servicekit.security.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code finesynth.rest.auth.open-reads=true} opens the reads, never the actions. */
@QuarkusTest
@TestProfile(OpenReadsTest.OpenReads.class)
class OpenReadsTest {
  public static class OpenReads implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>(new SecuredRestProfile().getConfigOverrides());
      config.put("finesynth.rest.auth.open-reads", "true");
      return config;
    }
  }

  @Test
  void anonymousCallersReadButDoNotAct() {
    given().get("/datasets/no-such-run").then().statusCode(404);
    given().post("/runs/some-run/cancel").then().statusCode(401);
    given().header("X-API-Key", "not-a-key").get("/datasets/no-such-run").then().statusCode(401);
    given()
        .header("X-API-Key", TestCredentials.VIEWER_KEY)
        .post("/runs/some-run/cancel")
        .then()
        .statusCode(403);
  }
}
