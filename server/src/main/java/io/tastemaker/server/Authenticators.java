package io.tastemaker.server;

import io.tastemaker.server.auth.AuthException;
import io.tastemaker.server.auth.CredentialStore;
import io.tastemaker.server.auth.SigV4Verifier;
import io.tastemaker.server.auth.SignedRequest;
import io.tastemaker.server.http.AuthRejection;
import io.tastemaker.server.http.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Chooses how requests are authenticated: open, or SigV4 against configured access keys. */
final class Authenticators {
  private Authenticators() {}

  static Authenticator of(Optional<Path> credentialsFile) {
    if (credentialsFile.isEmpty()) {
      return Authenticator.OPEN;
    }
    CredentialStore credentials;
    try {
      credentials = CredentialStore.load(credentialsFile.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the credentials file " + credentialsFile.get(), e);
    }
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("the credentials file " + credentialsFile.get() + " holds no access keys");
    }
    return sigV4(credentials);
  }

  static Authenticator sigV4(CredentialStore credentials) {
    SigV4Verifier verifier = new SigV4Verifier(credentials, Clock.systemUTC());
    return (method, path, query, headers, body) -> {
      try {
        verifier.verify(new SignedRequest(method, path, query, headers, body));
      } catch (AuthException e) {
        throw new AuthRejection(e.failure().code(), e.failure().httpStatus(), e.getMessage());
      }
    };
  }
}
