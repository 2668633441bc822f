package dev.finesynth.evaluator.rest;

import static io.restassured.RestAssured.given;

import dev.finesynth.servicekit.InMemoryChannels;
import dev.finesynth.servicekit.security.RestRoles;
import dev.finesynth.servicekit.security.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reports take a viewer or an operator; health stays open. No broker. */
@QuarkusTest
@TestProfile(ReportAuthTest.SecuredRest.class)
class ReportAuthTest {
  public static class SecuredRest implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>(InMemoryChannels.config());
      config.putAll(TestCredentials.config());
      return config;
    }

    /** The broker of the *IT tests' resources is not needed here. */
    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Test
  void readsTakeAViewerOrAnOperator() {
    for (String path : new String[] {"/reports/no-such-run", "/reports/no-such-run/chart"}) {
      given().get(path).then().statusCode(401);
      given().header("X-API-Key", "not-a-key").get(path).then().statusCode(401);
      given()
          .auth()
          .oauth2(TestCredentials.foreignToken(RestRoles.VIEWER))
          .get(path)
          .then()
          .statusCode(401);
      given().header("X-API-Key", TestCredentials.VIEWER_KEY).get(path).then().statusCode(404);
      given()
          .auth()
          .oauth2(TestCredentials.token(RestRoles.VIEWER))
          .get(path)
          .then()
          .statusCode(404);
      given().header("X-API-Key", TestCredentials.OPERATOR_KEY).get(path).then().statusCode(404);
    }
    given()
        .auth()
        .oauth2(TestCredentials.token("someone-else"))
        .get("/reports/x")
        .then()
        .statusCode(403);
  }

  @Test
  void healthStaysOpen() {
    given().get("/q/health/live").then().statusCode(200);
  }
}
