package io.tastemaker.server;

import io.tastemaker.server.auth.AuthException;
import io.tastemaker.server.auth.AuthFailure;
import io.tastemaker.server.auth.CredentialStore;
import io.tastemaker.server.auth.SigV4Verifier;
import io.tastemaker.server.auth.SignedRequest;
import io.tastemaker.server.console.ConsoleSessions;
import io.tastemaker.server.http.AuthRejection;
import io.tastemaker.server.http.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Chooses how requests are authenticated: open, or SigV4 (or a console login) against configured access keys. */
final class Authenticators {
  private Authenticators() {}

  /** The access keys of the credentials file; empty without one. */
  static Optional<CredentialStore> credentials(Optional<Path> credentialsFile) {
    if (credentialsFile.isEmpty()) {
      return Optional.empty();
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
    return Optional.of(credentials);
  }

  /** Open without access keys; otherwise a console session or a SigV4 signature from one of the keys, scoped to {@code region}. */
  static Authenticator of(Optional<CredentialStore> credentials, String region, ConsoleSessions sessions) {
    if (credentials.isEmpty()) {
      return Authenticator.OPEN;
    }
    Authenticator signed = sigV4(credentials.get(), region);
    return (method, path, query, headers, body) -> {
      if (sessions.signedIn(headers).isEmpty()) {
        signed.authenticate(method, path, query, headers, body);
      }
    };
  }

  private static Authenticator sigV4(CredentialStore credentials, String region) {
    SigV4Verifier verifier = new SigV4Verifier(credentials, region, Clock.systemUTC());
    return (method, path, query, headers, body) -> {
      try {
        verifier.verify(new SignedRequest(method, path, query, headers, body));
      } catch (AuthException e) {
        throw new AuthRejection(e.failure().code(), AuthFailure.CONTROL_PLANE_STATUS, AuthFailure.REST_STATUS, e.getMessage());
      }
    };
  }
}
