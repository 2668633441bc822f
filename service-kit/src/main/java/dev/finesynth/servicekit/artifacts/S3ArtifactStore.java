package dev.finesynth.servicekit.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Artifacts as objects of one S3 bucket (AWS, or an S3 API such as MinIO, Ceph or s3proxy), below
 * an optional key prefix. Files stream between disk and the network, never whole into memory: one
 * PUT of the file up to {@link #PART_BYTES}, a multipart upload of parts that size above it (so up
 * to 640 GiB), and downloads to a temporary file moved into place. A folder's files are uploaded
 * one by one, then the keys it no longer has are deleted: a reader may see the old and new files
 * mixed while that happens, so a folder is put once, before its location is announced.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
  /** Largest file sent in one PUT, and the size of each part of a larger one. */
  public static final long PART_BYTES = 64L << 20;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final long partBytes;

  /**
   * A store on {@code bucket}, keys below {@code prefix} (empty for none); {@code partBytes} at
   * least 5 MiB, S3's smallest part.
   */
  S3ArtifactStore(S3Client s3, String bucket, String prefix, long partBytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix =
        prefix.isEmpty() ? "" : ArtifactKeys.check("finesynth.artifacts.s3.prefix", prefix);
    this.partBytes = partBytes;
  }

  /**
   * A store on {@code bucket} once it answers; throws with the reason when it does not (no such
   * bucket, credentials refused, endpoint unreachable).
   */
  public static S3ArtifactStore open(S3Client s3, String bucket, String prefix) {
    S3ArtifactStore store = new S3ArtifactStore(s3, bucket, prefix, PART_BYTES);
    store.check();
    return store;
  }

  /** Throws with the reason when the bucket cannot be reached as this client. */
  void check() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      throw new IllegalStateException(
          "the artifact store's bucket "
              + bucket
              + " (finesynth.artifacts.s3.bucket) cannot be used: "
              + reason(e),
          e);
    }
  }

  @Override
  public void putFile(Path file, String key) {
    String object = object(key);
    try {
      long size = Files.size(file);
      if (size <= partBytes) {
        s3.putObject(b -> b.bucket(bucket).key(object), RequestBody.fromFile(file));
      } else {
        putParts(file, object, size);
      }
    } catch (IOException | SdkException e) {
      throw failure("cannot store " + file + " as " + location(key), e);
    }
  }

  /** A multipart upload of {@code file}, aborted when a part fails. */
  private void putParts(Path file, String object, long size) {
    String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(object)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0; offset < size; offset += partBytes) {
        int number = parts.size() + 1;
        long from = offset;
        long length = Math.min(partBytes, size - offset);
        UploadPartResponse part =
            s3.uploadPart(
                b -> b.bucket(bucket).key(object).uploadId(upload).partNumber(number),
                RequestBody.fromContentProvider(
                    () -> slice(file, from, length), length, "application/octet-stream"));
        parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(object).uploadId(upload).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(upload));
      } catch (SdkException abort) {
        e.addSuppressed(abort); // the bucket's lifecycle rules clean up what is left
      }
      throw e;
    }
  }

  @Override
  public void putFolder(Path folder, String prefix) {
    ArtifactKeys.check("prefix", prefix);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the folder " + folder, e);
    }
    Set<String> put = new HashSet<>();
    for (Path file : files) {
      put.add(prefix + "/" + ArtifactKeys.relative(folder, file)); // all checked before any upload
    }
    for (Path file : files) {
      putFile(file, prefix + "/" + ArtifactKeys.relative(folder, file));
    }
    for (String stale : list(prefix)) {
      if (!put.contains(stale)) {
        try {
          s3.deleteObject(b -> b.bucket(bucket).key(object(stale)));
        } catch (SdkException e) {
          throw failure("cannot delete " + location(stale), e);
        }
      }
    }
  }

  @Override
  public void getFile(String key, Path target) {
    String object = object(key);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(b -> b.bucket(bucket).key(object))) {
        AtomicFiles.write(in, target);
      }
    } catch (S3Exception e) {
      throw e.statusCode() == 404
          ? new UncheckedIOException(
              "cannot fetch " + location(key), new NoSuchFileException(location(key)))
          : failure("cannot fetch " + location(key), e);
    } catch (IOException | SdkException e) {
      throw failure("cannot fetch " + location(key) + " into " + target, e);
    }
  }

  @Override
  public boolean exists(String key) {
    String object = object(key);
    try {
      s3.headObject(b -> b.bucket(bucket).key(object));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw failure("cannot look up " + location(key), e);
    } catch (SdkException e) {
      throw failure("cannot look up " + location(key), e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    String folder = object(prefix) + "/";
    int strip = this.prefix.isEmpty() ? 0 : this.prefix.length() + 1;
    try {
      return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents().stream()
          .map(S3Object::key)
          .map(object -> object.substring(strip))
          .filter(ArtifactKeys::valid) // objects another writer named otherwise are not artifacts
          .sorted()
          .toList();
    } catch (SdkException e) {
      throw failure("cannot list " + location(prefix), e);
    }
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + object(key);
  }

  @Override
  public Optional<String> key(String location) {
    String start = "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/");
    if (!location.startsWith(start)) {
      return Optional.empty();
    }
    String key = location.substring(start.length());
    return ArtifactKeys.valid(key) ? Optional.of(key) : Optional.empty();
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public void close() {
    s3.close();
  }

  private String object(String key) {
    ArtifactKeys.check("key", key);
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  private static UncheckedIOException failure(String what, Exception e) {
    String reason = e instanceof SdkException sdk ? reason(sdk) : e.getMessage();
    return new UncheckedIOException(
        what + ": " + reason, e instanceof IOException io ? io : new IOException(reason, e));
  }

  /** What went wrong, in words: the HTTP status and S3's error code where there is a response. */
  static String reason(SdkException e) {
    if (e instanceof S3Exception s3) {
      String code =
          s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null
              ? " " + s3.awsErrorDetails().errorCode()
              : "";
      return switch (s3.statusCode()) {
        case 301 ->
            "HTTP 301" + code + ": the bucket is in another region (finesynth.artifacts.s3.region)";
        case 400 -> "HTTP 400" + code + ": " + s3.getMessage();
        case 403 ->
            "HTTP 403"
                + code
                + ": access denied; check the credentials (AWS_ACCESS_KEY_ID, the pod's role) and"
                + " the bucket's policy";
        case 404 -> "HTTP 404" + code + ": no such bucket or key";
        default -> "HTTP " + s3.statusCode() + code + ": " + s3.getMessage();
      };
    }
    return e.getMessage();
  }

  /** {@code length} bytes of {@code file} from {@code offset}: one part of a multipart upload. */
  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return new InputStream() {
        private long position = offset;
        private final long end = offset + length;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int start, int count) throws IOException {
          if (position >= end) {
            return -1;
          }
          int n =
              channel.read(
                  ByteBuffer.wrap(buffer, start, (int) Math.min(count, end - position)), position);
          if (n > 0) {
            position += n;
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          channel.close();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
