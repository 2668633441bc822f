package dev.finesynth.servicekit.artifacts;

import dev.finesynth.servicekit.FinesynthConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Makes the artifact store that {@code finesynth.artifacts.store} names. */
@Singleton
public class ArtifactStores {
  @Produces
  @Singleton
  ArtifactStore store(ArtifactsConfig artifacts, FinesynthConfig config) {
    return switch (artifacts.store()) {
      case FOLDER -> new FolderArtifactStore(config.sharedFolder());
      case S3 -> s3(artifacts.s3());
    };
  }

  void close(@Disposes ArtifactStore store) {
    if (store instanceof S3ArtifactStore s3) {
      s3.close();
    }
  }

  /**
   * The S3 store the settings describe, with the SDK's default credentials chain, once its bucket
   * answers; throws with the reason otherwise.
   */
  public static S3ArtifactStore s3(ArtifactsConfig.S3 settings) {
    return s3(settings, builder -> {});
  }

  /** The same with {@code credentials} (tests). */
  public static S3ArtifactStore s3(
      ArtifactsConfig.S3 settings, AwsCredentialsProvider credentials) {
    return s3(settings, builder -> builder.credentialsProvider(credentials));
  }

  private static S3ArtifactStore s3(ArtifactsConfig.S3 settings, Consumer<S3ClientBuilder> more) {
    String bucket =
        settings
            .bucket()
            .filter(b -> !b.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "finesynth.artifacts.store=s3 needs a bucket: set"
                            + " finesynth.artifacts.s3.bucket (FINESYNTH_ARTIFACTS_S3_BUCKET)"));
    S3ClientBuilder builder = client(settings);
    more.accept(builder);
    S3Client client = builder.build();
    try {
      return S3ArtifactStore.open(
          client, bucket, settings.prefix().map(p -> p.replaceAll("^/+|/+$", "")).orElse(""));
    } catch (IllegalStateException e) {
      client.close();
      throw new IllegalStateException(
          e.getMessage()
              + " (at "
              + settings.endpoint().map(Object::toString).orElse("AWS")
              + ", region "
              + settings.region()
              + ")",
          e.getCause());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * A client of the S3 API the settings name, over the JDK's HTTP connection. Checksums only where
   * S3 requires them, as the SDK did before 2.30: S3-compatible servers (s3proxy 2.6, older MinIO
   * and Ceph) refuse the newer checksum headers and trailers, and TLS guards the transfer.
   */
  static S3ClientBuilder client(ArtifactsConfig.S3 settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }
}
