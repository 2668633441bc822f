package dev.finesynth.servicekit.artifacts;

import dev.finesynth.testing.S3Server;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * New buckets on the test JVM's {@link S3Server}, stores on them, and the settings that name them
 * (the services' S3 tests use it from the kit's test-jar).
 */
public final class TestBuckets {
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(S3Server.IDENTITY, S3Server.CREDENTIAL));
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static S3Client client;

  private TestBuckets() {}

  /**
   * A client of the server as the service makes it, shared by the tests (never closed: the JVM ends
   * with it).
   */
  public static synchronized S3Client client() {
    if (client == null) {
      client = ArtifactStores.client(settings(null, null)).credentialsProvider(CREDENTIALS).build();
    }
    return client;
  }

  /** A store on a new, empty bucket, keys below {@code prefix} (empty for none). */
  public static ArtifactStore store(String prefix) {
    return store(create(), prefix);
  }

  /** A store on {@code bucket} (which may not exist), keys below {@code prefix}. */
  public static ArtifactStore store(String bucket, String prefix) {
    return new S3ArtifactStore(client(), bucket, prefix, 5L << 20);
  }

  /** A new, empty bucket. */
  public static String create() {
    String bucket = "artifacts-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
    client().createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  /** Settings of the server's {@code bucket}, as {@code finesynth.artifacts.s3.*} would give. */
  public static ArtifactsConfig.S3 settings(String bucket, String prefix) {
    return new Settings(
        Optional.ofNullable(bucket), Optional.ofNullable(prefix), S3Server.endpoint());
  }

  private record Settings(Optional<String> bucket, Optional<String> prefix, URI address)
      implements ArtifactsConfig.S3 {
    @Override
    public Optional<URI> endpoint() {
      return Optional.of(address);
    }

    @Override
    public String region() {
      return "us-east-1";
    }

    @Override
    public boolean pathStyle() {
      return true;
    }
  }
}
