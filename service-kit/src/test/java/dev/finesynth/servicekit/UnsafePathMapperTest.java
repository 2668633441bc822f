package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.contracts.paths.UnsafePathException;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class UnsafePathMapperTest {
  @Test
  void aRefusedPathParameterIsABadRequestNamingIt() {
    UnsafePathException refused =
        Assertions.assertThrows(
            UnsafePathException.class,
            () -> PathSegments.child(Path.of("datasets"), "runId", "../../etc"));

    Response response = new UnsafePathMapper().toResponse(refused);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getEntity())
        .isEqualTo(
            Map.of(
                "field",
                "runId",
                "error",
                "runId: starts with '.', so it could name its folder ('.'), the parent ('..') or a"
                    + " hidden file"));
  }
}
