package dev.finesynth.encoders.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Hugging Face Hub's HTTP protocol, as far as fetching a model needs it: list a revision's
 * files, read a file's metadata (commit, etag, size, where its bytes are) and download its bytes,
 * resuming a partial download. Redirects are followed by hand so that the token is sent only to the
 * endpoint, never to the storage a large file redirects to.
 */
public final class HubClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_REDIRECTS = 10;
  private static final String USER_AGENT =
      "finesynth-encoders; java/" + Runtime.version().feature();

  private final HubSettings settings;
  private final HttpClient http;

  /** The commit a revision resolves to and the paths of all the files it holds. */
  public record RepoInfo(String repo, String revision, String commit, List<String> files) {
    public RepoInfo {
      files = List.copyOf(files);
    }
  }

  /**
   * What the hub says about one file.
   *
   * @param commit the {@code X-Repo-Commit} header, null when absent
   * @param etag {@code X-Linked-Etag} or {@code ETag}, unquoted: a sha256 for a large (LFS) file, a
   *     git object id otherwise; it names the file's blob in the cache
   * @param size {@code X-Linked-Size} or {@code Content-Length}, -1 when unknown
   * @param location where to GET the bytes (a storage URL for LFS files)
   */
  public record FileMetadata(
      String repo, String path, String commit, String etag, long size, URI location) {
    /** Whether the etag is a sha256 of the content, which a download can be checked against. */
    public boolean hasSha256() {
      return SHA256.matcher(etag).matches();
    }
  }

  public HubClient(HubSettings settings) {
    this(
        settings,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  /** With a caller's client; it must not follow redirects itself. */
  public HubClient(HubSettings settings, HttpClient http) {
    this.settings = Objects.requireNonNull(settings);
    this.http = Objects.requireNonNull(http);
  }

  public HubSettings settings() {
    return settings;
  }

  /** {@code GET /api/models/{repo}/revision/{revision}}. */
  public RepoInfo repoInfo(String repo, String revision) {
    URI uri =
        URI.create(settings.endpoint() + "/api/models/" + repo + "/revision/" + encode(revision));
    HttpResponse<byte[]> response =
        send("GET", uri, Map.of(), info -> BodySubscribers.ofByteArray(), true);
    if (response.statusCode() != 200) {
      throw error(response, repo, revision, null);
    }
    try {
      JsonNode json = JSON.readTree(response.body());
      String sha = json.path("sha").asText(null);
      if (sha == null) {
        throw new HubException("the hub's answer for " + uri + " has no commit sha");
      }
      if (!HubCache.isCommit(sha)) {
        throw new HubException(
            "the hub's answer for " + uri + " names the commit '" + sha + "', not a commit id");
      }
      List<String> files = new ArrayList<>();
      json.path("siblings").forEach(s -> files.add(s.path("rfilename").asText()));
      return new RepoInfo(repo, revision, sha, files);
    } catch (IOException e) {
      throw new HubException("the hub's answer for " + uri + " is not valid JSON", e);
    }
  }

  /**
   * {@code HEAD /{repo}/resolve/{revision}/{path}}, following only relative redirects (a renamed
   * repository) so that the hub's own headers are read, not the storage's.
   */
  public FileMetadata fileMetadata(String repo, String revision, String path) {
    URI uri = resolveUri(repo, revision, path);
    HttpResponse<Void> response =
        send("HEAD", uri, Map.of(), info -> BodySubscribers.replacing(null), false);
    int status = response.statusCode();
    if (status / 100 != 2 && status / 100 != 3) {
      throw error(response, repo, revision, path);
    }
    var headers = response.headers();
    String etag =
        headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag")).orElse(null);
    if (etag == null) {
      throw new HubException("the hub sent no ETag for " + response.uri());
    }
    long size =
        headers
            .firstValueAsLong("X-Linked-Size")
            .orElse(headers.firstValueAsLong("Content-Length").orElse(-1));
    URI location =
        status / 100 == 3
            ? response.uri().resolve(headers.firstValue("Location").orElseThrow())
            : response.uri();
    return new FileMetadata(
        repo,
        path,
        headers.firstValue("X-Repo-Commit").orElse(null),
        normaliseEtag(etag),
        size,
        location);
  }

  /**
   * Downloads {@code file} into {@code partial}, continuing after the bytes already there with a
   * {@code Range} request; a server that ignores the range (200) rewrites the file from the start.
   * An answer whose {@code Content-Length} disagrees with the size the hub gave is refused before a
   * byte is written, and no more bytes are written than that size (or, when the hub gave none, than
   * {@link HubSettings#maxFileBytes}).
   */
  public void download(FileMetadata file, Path partial) {
    long have;
    try {
      have = Files.exists(partial) ? Files.size(partial) : 0;
      if ((file.size() >= 0 && have > file.size()) || have > settings.maxFileBytes()) {
        Files.delete(partial);
        have = 0;
      }
    } catch (IOException e) {
      throw new HubException("cannot use the partial download " + partial, e);
    }
    Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
    HttpResponse<InputStream> response =
        send(
            "GET",
            file.location(),
            headers,
            info ->
                info.statusCode() / 100 == 2
                    ? BodySubscribers.ofInputStream()
                    : BodySubscribers.replacing(null),
            true);
    int status = response.statusCode();
    if (status == 416) {
      if (have == file.size()) {
        return; // the partial file already holds everything
      }
      deleteQuietly(partial); // unusable: the next try starts from the beginning
    }
    if (status != 200 && status != 206) {
      throw error(response, file.repo(), null, file.path());
    }
    boolean append = status == 206;
    if (append) {
      String range = response.headers().firstValue("Content-Range").orElse("");
      if (!range.startsWith("bytes " + have + "-")) {
        closeQuietly(response.body());
        throw new HubException(
            "asked " + file.location() + " for bytes from " + have + " but got '" + range + "'");
      }
    }
    long start = append ? have : 0;
    long limit = file.size() >= 0 ? file.size() : settings.maxFileBytes();
    long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (announced >= 0
        && (file.size() >= 0 ? announced != limit - start : announced > limit - start)) {
      closeQuietly(response.body());
      throw new HubException(
          answer(response, file)
              + " announces "
              + announced
              + " bytes (Content-Length) where "
              + (file.size() >= 0
                  ? (limit - start) + " are due (the hub's metadata says " + file.size() + ")"
                  : "at most "
                      + (limit - start)
                      + " are allowed ("
                      + HubSettings.MAX_FILE_BYTES
                      + ")")
              + "; nothing was written");
    }
    boolean tooLong;
    try (InputStream in = response.body();
        OutputStream out =
            Files.newOutputStream(
                partial,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      tooLong = copyAtMost(in, out, limit - start);
    } catch (IOException e) {
      throw new HubException(
          "download of "
              + file.repo()
              + "/"
              + file.path()
              + " broke off; run again to resume from "
              + partial,
          e);
    }
    if (tooLong) {
      deleteQuietly(partial);
      throw new HubException(
          answer(response, file)
              + " holds more than the "
              + limit
              + " bytes "
              + (file.size() >= 0
                  ? "the hub's metadata gives it"
                  : "allowed for one file (" + HubSettings.MAX_FILE_BYTES + ")")
              + "; the partial file was removed");
    }
  }

  /** Copies up to {@code max} bytes; true when the stream holds more (which are not copied). */
  /** For messages: which download an answer belongs to. */
  private static String answer(HttpResponse<?> response, FileMetadata file) {
    return "the answer from " + response.uri() + " for " + file.repo() + "/" + file.path();
  }

  private static boolean copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = max;
    int n;
    while ((n = in.read(buffer, 0, (int) Math.max(1, Math.min(buffer.length, left)))) >= 0) {
      if (left == 0) {
        return true; // a byte past the end: the rest is not read
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    return false;
  }

  private <T> HttpResponse<T> send(
      String method,
      URI uri,
      Map<String, String> headers,
      Function<ResponseInfo, BodySubscriber<T>> onSuccess,
      boolean followAbsoluteRedirects) {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .method(method, HttpRequest.BodyPublishers.noBody())
              .header("User-Agent", USER_AGENT);
      headers.forEach(request::header);
      if (settings.token() != null && sameOrigin(current, settings.endpoint())) {
        request.header("Authorization", "Bearer " + settings.token());
      }
      HttpResponse<T> response;
      try {
        response =
            http.send(
                request.build(),
                info ->
                    isRedirect(info.statusCode()) || info.statusCode() / 100 != 2
                        ? BodySubscribers.replacing(null)
                        : onSuccess.apply(info));
      } catch (IOException e) {
        throw new HubException.Unreachable(
            "cannot reach "
                + current
                + " ("
                + e
                + "); check HF_ENDPOINT and the network, or set HF_HUB_OFFLINE=1 to use only"
                + " the cache",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HubException("interrupted while fetching " + current, e);
      }
      String location = response.headers().firstValue("Location").orElse(null);
      if (!isRedirect(response.statusCode()) || location == null) {
        return response;
      }
      URI next = current.resolve(location);
      boolean relative = URI.create(location).getScheme() == null;
      if (!relative && !followAbsoluteRedirects) {
        return response;
      }
      if (hop == MAX_REDIRECTS) {
        throw new HubException("too many redirects from " + uri);
      }
      current = next;
    }
  }

  private HubException error(HttpResponse<?> response, String repo, String revision, String path) {
    int status = response.statusCode();
    String code = response.headers().firstValue("X-Error-Code").orElse("");
    String detail = response.headers().firstValue("X-Error-Message").map(m -> ": " + m).orElse("");
    String from = " (HTTP " + status + " from " + response.uri() + detail + ")";
    String what = path == null ? "repository '" + repo + "'" : "'" + path + "' in '" + repo + "'";
    return switch (status) {
      case 401 ->
          new HubException(
              settings.token() == null
                  ? "repository '"
                      + repo
                      + "' was not found, or is private or gated and needs a token: set HF_TOKEN"
                      + from
                  : "the token (HF_TOKEN) was not accepted for '"
                      + repo
                      + "', or the repository does not exist"
                      + from);
      case 403 ->
          new HubException(
              "access to "
                  + what
                  + " is forbidden: the repository is gated or the token lacks read access; accept"
                  + " its terms on the hub and set HF_TOKEN to a token that may read it"
                  + from);
      case 404 ->
          new HubException(
              switch (code) {
                    case "RevisionNotFound" ->
                        "revision '" + revision + "' not found in '" + repo + "'";
                    case "EntryNotFound" -> "file " + what + " not found";
                    case "RepoNotFound" -> "repository '" + repo + "' not found";
                    default ->
                        path != null
                            ? "file " + what + " not found"
                            : "repository '"
                                + repo
                                + "' or its revision '"
                                + revision
                                + "' not found";
                  }
                  + from);
      default -> new HubException("unexpected answer for " + what + from);
    };
  }

  URI resolveUri(String repo, String revision, String path) {
    StringBuilder uri =
        new StringBuilder(settings.endpoint().toString())
            .append('/')
            .append(repo)
            .append("/resolve/")
            .append(encode(revision));
    for (String segment : path.split("/")) {
      uri.append('/').append(encode(segment));
    }
    return URI.create(uri.toString());
  }

  static String normaliseEtag(String etag) {
    String e = etag.startsWith("W/") ? etag.substring(2) : etag;
    return e.replace("\"", "");
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing left to do with a body that is thrown away
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the error about the download is the one worth reporting
    }
  }
}
