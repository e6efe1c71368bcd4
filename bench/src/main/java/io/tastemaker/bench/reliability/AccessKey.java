package io.tastemaker.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An access key pair the server under test accepts, written to the file its {@code --credentials}
 * option reads.
 */
record AccessKey(String id, String secret) {
  AccessKey {
    if (id.isBlank() || secret.isBlank()) {
      throw new IllegalArgumentException("an access key needs an id and a secret");
    }
  }

  /** A fresh random pair (secrets come from a secure source, not from the run's seed). */
  static AccessKey generate() {
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[8];
    byte[] secret = new byte[20];
    random.nextBytes(id);
    random.nextBytes(secret);
    return new AccessKey("AKRB" + HexFormat.of().withUpperCase().formatHex(id), HexFormat.of().formatHex(secret));
  }

  /** Writes the credentials file and returns it. */
  Path write(Path file) throws IOException {
    Files.writeString(file, id + " " + secret + "\n");
    return file;
  }
}
