package dev.finesynth.miner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.finesynth.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operational endpoints Kubernetes and Prometheus rely on answer. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ServiceEndpointsIT {
  @Test
  void readinessIncludesKafkaAndMetricsArePrometheusText() {
    given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }
}
