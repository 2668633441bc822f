package dev.finesynth.servicekit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code finesynth.rest.auth.*} settings. JWTs are verified with smallrye-jwt's own settings
 * ({@code mp.jwt.verify.publickey.location}, {@code mp.jwt.verify.issuer}).
 */
@ConfigMapping(prefix = "finesynth.rest.auth")
public interface RestAuthConfig {
  /**
   * Whether the REST endpoints ask for credentials. Off, every endpoint is open to anyone who
   * reaches the port: only for a stack bound to 127.0.0.1.
   */
  @WithDefault("true")
  boolean enabled();

  /** Whether callers without credentials may read (the viewer's endpoints). */
  @WithDefault("false")
  boolean openReads();

  /**
   * File of the accepted API keys, one a line: {@code <sha-256 hex of the key> <role>[,<role>...]
   * [name]}; {@code #} starts a comment line.
   */
  Optional<Path> apiKeysFile();
}
