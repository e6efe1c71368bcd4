package io.tastemaker.server;

import io.tastemaker.server.http.Authenticator;
import java.nio.file.Path;
import java.util.Optional;

/** Chooses how requests are authenticated from the configuration. */
final class Authenticators {
  private Authenticators() {}

  static Authenticator of(Optional<Path> credentialsFile) {
    if (credentialsFile.isEmpty()) {
      return Authenticator.OPEN;
    }
    throw new IllegalArgumentException("--credentials is not supported yet");
  }
}
