package dev.finesynth.trainer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.servicekit.security.RestRoles;
import dev.finesynth.servicekit.security.TestCredentials;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.ServiceUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what over REST. There is no broker: a caller that gets past the role check reaches the
 * cluster client, which answers 503 here, so 503 means "let through".
 */
@QuarkusTest
@TestProfile(SecuredRestProfile.class)
class RestAuthTest {
  private static final int LET_THROUGH = 503;
  private static final String START =
      "{\"queries\":[{\"id\":\"q1\",\"text\":\"tube map\"}],"
          + "\"documents\":[{\"id\":\"d1\",\"text\":\"the tube map of London\"}]}";

  @BeforeEach
  void noCluster() {
    QuarkusMock.installMockForType(
        new RunClients() {
          @Override
          public FinesynthClient connect() {
            throw new ServiceUnavailableException("no cluster in this test");
          }
        },
        RunClients.class);
  }

  @Test
  void startingARunTakesAnOperator() {
    assertOperatorsOnly(caller -> caller.body(START).post("/runs").statusCode());
  }

  @Test
  void cancellingARunTakesAnOperator() {
    assertOperatorsOnly(caller -> caller.post("/runs/some-run/cancel").statusCode());
  }

  @Test
  void readsTakeAViewerOrAnOperator() {
    for (String path : new String[] {"/runs", "/datasets/no-such-run", "/models/no-run/epoch-1"}) {
      given().get(path).then().statusCode(401);
      given().header("X-API-Key", "not-a-key").get(path).then().statusCode(401);
    }
    apiKey(TestCredentials.VIEWER_KEY).get("/datasets/no-such-run").then().statusCode(404);
    bearer(TestCredentials.token(RestRoles.VIEWER))
        .get("/models/no-run/epoch-1")
        .then()
        .statusCode(404);
    apiKey(TestCredentials.OPERATOR_KEY).get("/datasets/no-such-run").then().statusCode(404);
    apiKey(TestCredentials.VIEWER_KEY).get("/runs/some-run").then().statusCode(LET_THROUGH);
  }

  @Test
  void healthAndMetricsStayOpen() {
    given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    given().get("/q/metrics").then().statusCode(200);
  }

  /** 401 without or with bad credentials, 403 as a viewer, let through as an operator. */
  private static void assertOperatorsOnly(Function<RequestSpecification, Integer> call) {
    Map<String, RequestSpecification> callers = new LinkedHashMap<>();
    Map<String, Integer> expected = new LinkedHashMap<>();
    callers.put("anonymous", given());
    expected.put("anonymous", 401);
    callers.put("unknown API key", apiKey("not-a-key"));
    expected.put("unknown API key", 401);
    callers.put(
        "token of another issuer's key", bearer(TestCredentials.foreignToken(RestRoles.OPERATOR)));
    expected.put("token of another issuer's key", 401);
    callers.put("viewer's API key", apiKey(TestCredentials.VIEWER_KEY));
    expected.put("viewer's API key", 403);
    callers.put("viewer's token", bearer(TestCredentials.token(RestRoles.VIEWER)));
    expected.put("viewer's token", 403);
    callers.put("operator's API key", apiKey(TestCredentials.OPERATOR_KEY));
    expected.put("operator's API key", LET_THROUGH);
    callers.put("operator's token", bearer(TestCredentials.token(RestRoles.OPERATOR)));
    expected.put("operator's token", LET_THROUGH);

    Map<String, Integer> actual = new LinkedHashMap<>();
    callers.forEach(
        (who, caller) -> actual.put(who, call.apply(caller.contentType("application/json"))));
    assertThat(actual).isEqualTo(expected);
  }

  private static RequestSpecification apiKey(String key) {
    return given().header("X-API-Key", key);
  }

  private static RequestSpecification bearer(String token) {
    return given().auth().oauth2(token);
  }
}
