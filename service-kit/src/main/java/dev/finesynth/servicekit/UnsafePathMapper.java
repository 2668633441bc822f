package dev.finesynth.servicekit;

import dev.finesynth.contracts.paths.UnsafePathException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * A REST parameter that a store refused as a file name ({@code GET /datasets/..%2F..}): 400 with
 * the parameter and the reason, instead of a server error, in every service's API.
 */
@Provider
public class UnsafePathMapper implements ExceptionMapper<UnsafePathException> {
  @Override
  public Response toResponse(UnsafePathException e) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getMessage(), "field", e.field()))
        .build();
  }
}
