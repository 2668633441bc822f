package dev.finesynth.operator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The probes' endpoints, at the services' paths: live while the process runs, ready once synced.
 */
final class HealthEndpoints implements AutoCloseable {
  private final HttpServer server;

  HealthEndpoints(int port, BooleanSupplier ready) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/q/health/live", exchange -> answer(exchange, true));
    server.createContext("/q/health/started", exchange -> answer(exchange, ready.getAsBoolean()));
    server.createContext("/q/health/ready", exchange -> answer(exchange, ready.getAsBoolean()));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, boolean up)
      throws IOException {
    byte[] body =
        ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(up ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
