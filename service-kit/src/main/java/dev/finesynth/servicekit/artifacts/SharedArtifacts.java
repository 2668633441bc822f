package dev.finesynth.servicekit.artifacts;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.servicekit.FinesynthConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's artifacts beyond the shared folder. Instances keep working in the shared folder
 * ({@code finesynth.shared}); with {@code finesynth.artifacts.store=s3} a finished artifact is also
 * put in the bucket under its path below the shared folder ({@code
 * datasets/<runId>/triplets.jsonl}, {@code models/<runId>/epoch-2/}, {@code
 * reports/<runId>/report.json}), and one that is not on this instance's disk is fetched into a
 * scratch folder under {@code finesynth.home}. With the folder store (the default) the shared
 * folder is the store, and nothing is copied.
 */
@Singleton
public class SharedArtifacts {
  static final String SCRATCH = "fetched-artifacts";

  private final Path shared;
  private final Path scratch;
  private final Optional<ArtifactStore> store;

  @Inject
  public SharedArtifacts(ArtifactStore store, ArtifactsConfig artifacts, FinesynthConfig config) {
    this(
        config.sharedFolder(),
        Path.of(config.home()).resolve(SCRATCH),
        artifacts.store() == ArtifactsConfig.Kind.FOLDER ? Optional.empty() : Optional.of(store));
  }

  /**
   * Artifacts of the {@code shared} folder, also put in {@code store} when there is one, fetched
   * from it into {@code scratch}.
   */
  public SharedArtifacts(Path shared, Path scratch, Optional<ArtifactStore> store) {
    this.shared = shared.toAbsolutePath().normalize();
    this.scratch = scratch;
    this.store = store;
  }

  /** The folder store's behaviour: the shared folder is the store (hand-wired tests, tools). */
  public static SharedArtifacts inSharedFolder(Path shared) {
    return new SharedArtifacts(shared, shared.resolve(SCRATCH), Optional.empty());
  }

  /** Whether artifacts are copied to a store beside the shared folder. */
  public boolean copies() {
    return store.isPresent();
  }

  /** Puts {@code file}, written below the shared folder, in the store under its path there. */
  public void publish(Path file) {
    publish(file, file);
  }

  /**
   * Puts {@code file} in the store as the artifact at {@code place}, a path below the shared
   * folder: a file written beside its place, put before it is moved there, so that what the shared
   * folder shows as done is in the store too.
   */
  public void publish(Path file, Path place) {
    store.ifPresent(s -> s.putFile(file, key(place)));
  }

  /**
   * Puts a folder below the shared folder in the store; returns the location to announce: the
   * store's, or (folder store) the folder's absolute path.
   */
  public String publishFolder(Path folder) {
    if (store.isEmpty()) {
      return folder.toAbsolutePath().toString();
    }
    String key = key(folder);
    store.get().putFolder(folder, key);
    return store.get().location(key);
  }

  /**
   * The folder an announced location names: the path itself, or for a location in the store, a copy
   * fetched from it (deleted when the copy is closed).
   */
  public LocalCopy folderAt(String location) {
    Optional<String> key = store.flatMap(s -> s.key(location));
    if (key.isPresent()) {
      Path copy = scratchFolder();
      store.get().getFolder(key.get(), copy);
      return new LocalCopy(copy, copy);
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          location
              + " is not in this service's artifact store ("
              + store.map(Object::toString).orElse("the shared folder")
              + "): give it finesynth.artifacts.store=s3 and the bucket and prefix of the service"
              + " that wrote it");
    }
    return LocalCopy.at(Path.of(location));
  }

  /**
   * A file below the shared folder that this instance does not have, from the store; empty when the
   * store does not hold it either, or there is no store beside the shared folder.
   */
  public Optional<LocalCopy> fetchFile(Path place) {
    if (store.isEmpty() || !store.get().exists(key(place))) {
      return Optional.empty();
    }
    Path copy = scratchFolder();
    store.get().getFile(key(place), copy.resolve(place.getFileName().toString()));
    return Optional.of(new LocalCopy(copy.resolve(place.getFileName().toString()), copy));
  }

  /** The same for a folder below the shared folder. */
  public Optional<LocalCopy> fetchFolder(Path place) {
    if (store.isEmpty() || store.get().list(key(place)).isEmpty()) {
      return Optional.empty();
    }
    Path copy = scratchFolder();
    store.get().getFolder(key(place), copy);
    return Optional.of(new LocalCopy(copy, copy));
  }

  /** The key of a path below the shared folder: its path there. */
  String key(Path place) {
    Path path = PathSegments.inside(shared, "path", place.toAbsolutePath().normalize());
    return ArtifactKeys.relative(shared, path);
  }

  private Path scratchFolder() {
    try {
      Files.createDirectories(scratch);
      return Files.createTempDirectory(scratch, "fetch-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder in " + scratch, e);
    }
  }

  @Override
  public String toString() {
    return store
        .map(s -> "the shared folder " + shared + " and " + s)
        .orElse("the shared folder " + shared);
  }
}
