package dev.finesynth.servicekit.artifacts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * The {@code finesynth.artifacts.*} settings: where finished datasets, models and reports go. S3
 * credentials come from the AWS SDK's default chain ({@code AWS_ACCESS_KEY_ID} and {@code
 * AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, web identity on EKS, the instance's role).
 */
@ConfigMapping(prefix = "finesynth.artifacts")
public interface ArtifactsConfig {
  /** {@code folder}: the shared folder is the store; {@code s3}: a bucket, beside it. */
  @WithDefault("folder")
  Kind store();

  S3 s3();

  enum Kind {
    FOLDER,
    S3
  }

  interface S3 {
    /** The bucket; required with {@code store=s3}. */
    Optional<String> bucket();

    /** A key prefix inside the bucket, so several deployments can share one ({@code a/b}). */
    Optional<String> prefix();

    /** An S3 API other than AWS's: MinIO, Ceph, s3proxy ({@code http://minio:9000}). */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /**
     * Bucket in the path ({@code host/bucket/key}) rather than the host name: most non-AWS APIs.
     */
    @WithDefault("false")
    boolean pathStyle();
  }
}
