package dev.finesynth.encoders.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A hub-shaped HTTP server on 127.0.0.1: the model API, {@code resolve} URLs with the hub's
 * headers, and a separate "storage" server (another port, so another origin) that large files
 * redirect to and that honours {@code Range}. Public so that tests of other modules can serve
 * models to processes that download them (point their {@code HF_ENDPOINT} at {@link #endpoint()}).
 */
public final class FakeHub implements AutoCloseable {
  /** One request as a server saw it; {@code server} is {@code hub} or {@code storage}. */
  public record Request(
      String server, String method, String path, String authorization, String range) {}

  private final HttpServer hub;
  private final HttpServer storage;
  private final Map<String, Map<String, String>> refs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, byte[]>> commits = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile boolean lieAboutSha;
  volatile boolean ignoreRange;
  volatile String requiredToken;

  /** A hostile or broken hub: the commit its repository info names instead of the real one. */
  volatile String claimedCommit;

  /** The ETag it sends for small files instead of their git object id. */
  volatile String claimedEtag;

  /** Bytes the storage sends after a large file's content, beyond the size the hub gave. */
  volatile int storagePadding;

  /** Whether the storage sends bodies chunked, without a Content-Length. */
  volatile boolean storageChunked;

  public FakeHub() throws IOException {
    hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hub.createContext("/", this::handleHub);
    storage.createContext("/", this::handleStorage);
    hub.start();
    storage.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
  }

  /** Adds a commit holding {@code files} and points {@code revision} at it; returns its sha. */
  public String commit(String repo, String revision, Map<String, byte[]> files) {
    String sha =
        hex(digest("SHA-1", (repo + revision + files.keySet() + commits.size()).getBytes()));
    commits.put(sha, new TreeMap<>(files));
    refs.computeIfAbsent(repo, r -> new ConcurrentHashMap<>()).put(revision, sha);
    return sha;
  }

  public List<Request> requests(String server) {
    return requests.stream().filter(r -> r.server.equals(server)).toList();
  }

  /** Whether the hub serves {@code path} as a large (LFS) file, through the storage server. */
  public static boolean isLfs(String path) {
    return path.endsWith(".safetensors") || path.endsWith(".bin");
  }

  public static String sha256(byte[] bytes) {
    return hex(digest("SHA-256", bytes));
  }

  private void handleHub(HttpExchange exchange) throws IOException {
    try (exchange) {
      record(exchange, "hub");
      String token = requiredToken;
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (token != null && !("Bearer " + token).equals(auth)) {
        exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      List<String> parts =
          Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
              .skip(1)
              .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
              .toList();
      if (parts.size() == 6 && parts.get(0).equals("api") && parts.get(4).equals("revision")) {
        String repo = parts.get(2) + "/" + parts.get(3);
        Optional<String> commit = lookup(exchange, repo, parts.get(5));
        if (commit.isPresent()) {
          String siblings =
              commits.get(commit.get()).keySet().stream()
                  .map(f -> "{\"rfilename\":\"" + f + "\"}")
                  .collect(Collectors.joining(","));
          String json =
              "{\"id\":\""
                  + repo
                  + "\",\"sha\":\""
                  + (claimedCommit != null ? claimedCommit : commit.get())
                  + "\",\"siblings\":["
                  + siblings
                  + "]}";
          send(exchange, 200, json.getBytes(StandardCharsets.UTF_8));
        }
      } else if (parts.size() >= 5 && parts.get(2).equals("resolve")) {
        String repo = parts.get(0) + "/" + parts.get(1);
        String path = String.join("/", parts.subList(4, parts.size()));
        Optional<String> commit = lookup(exchange, repo, parts.get(3));
        if (commit.isEmpty()) {
          return;
        }
        byte[] content = commits.get(commit.get()).get(path);
        if (content == null) {
          exchange.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("X-Repo-Commit", commit.get());
        headers.set("ETag", "\"" + (claimedEtag != null ? claimedEtag : gitSha(content)) + "\"");
        if (isLfs(path)) {
          String sha = sha256(content);
          blobs.put(sha, content);
          String claimed = lieAboutSha ? sha256("something else".getBytes()) : sha;
          headers.set("X-Linked-Etag", "\"" + claimed + "\"");
          headers.set("X-Linked-Size", Long.toString(content.length));
          headers.set(
              "Location", "http://127.0.0.1:" + storage.getAddress().getPort() + "/blobs/" + sha);
          exchange.sendResponseHeaders(302, -1);
        } else {
          send(exchange, 200, content);
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private void handleStorage(HttpExchange exchange) throws IOException {
    try (exchange) {
      record(exchange, "storage");
      String path = exchange.getRequestURI().getPath();
      byte[] content = blobs.get(path.substring(path.lastIndexOf('/') + 1));
      if (content == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (storagePadding > 0) {
        content = Arrays.copyOf(content, content.length + storagePadding);
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      if (range == null || ignoreRange) {
        if (storageChunked) {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
          }
          return;
        }
        send(exchange, 200, content);
        return;
      }
      int from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
      if (from >= content.length) {
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      exchange
          .getResponseHeaders()
          .set(
              "Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      send(exchange, 206, Arrays.copyOfRange(content, from, content.length));
    }
  }

  private Optional<String> lookup(HttpExchange exchange, String repo, String revision)
      throws IOException {
    Map<String, String> repoRefs = refs.get(repo);
    if (repoRefs == null) {
      exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
      exchange.sendResponseHeaders(401, -1);
      return Optional.empty();
    }
    String commit = repoRefs.get(revision);
    if (commit == null && repoRefs.containsValue(revision)) {
      commit = revision;
    }
    if (commit == null) {
      exchange.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
      exchange.getResponseHeaders().set("X-Error-Message", "Invalid rev id: " + revision);
      exchange.sendResponseHeaders(404, -1);
      return Optional.empty();
    }
    return Optional.of(commit);
  }

  private void record(HttpExchange exchange, String server) {
    var headers = exchange.getRequestHeaders();
    requests.add(
        new Request(
            server,
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            headers.getFirst("Authorization"),
            headers.getFirst("Range")));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String gitSha(byte[] content) {
    byte[] prefix = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(prefix, prefix.length + content.length);
    System.arraycopy(content, 0, all, prefix.length, content.length);
    return hex(digest("SHA-1", all));
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  void stop() {
    hub.stop(0);
    storage.stop(0);
  }

  @Override
  public void close() {
    stop();
  }
}
